package dev.conch.clam;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, for the person who brought the CLAM file: each processing and the Conch node(s) it became, the
 * visual-only ones dropped, each unsupported one in a sentence, links that could not be kept, and notes where Conch
 * behaves differently from CLAM.
 *
 * @param source   the file as the user named it
 * @param mapped   one line per converted processing: {@code SimpleOscillator 'Osc 1' -> Oscillator 'Osc_1'}
 * @param dropped  one line per visual-only processing left out ({@code Oscilloscope 'scope'})
 * @param refused  one located sentence per unsupported processing or link, each saying what to do
 * @param notes    differences worth knowing that do not stop the import
 */
public record ImportReport(String source, List<String> mapped, List<String> dropped, List<String> refused,
                           List<String> notes) {

    public ImportReport {
        mapped = List.copyOf(mapped);
        dropped = List.copyOf(dropped);
        refused = List.copyOf(refused);
        notes = List.copyOf(notes);
    }

    /** Every processing and link was converted (visual-only processings aside). */
    public boolean complete() {
        return refused.isEmpty();
    }

    /** The report as printed by {@code conch import} and by the commands that open a CLAM file. */
    public List<String> lines() {
        return lines(true);
    }

    /** The report, with or without the refused sentences (a caller refusing the file prints those as its error). */
    public List<String> lines(boolean withRefused) {
        List<String> out = new ArrayList<>();
        out.add("imported " + source + " from CLAM: " + count(mapped.size(), "processing") + " converted, "
                + count(dropped.size(), "visual-only processing") + " dropped, " + refused.size() + " refused");
        for (String m : mapped) out.add("  " + m);
        if (!dropped.isEmpty()) out.add("  dropped (visual only, no sound): " + String.join(", ", dropped));
        if (withRefused) for (String r : refused) out.add("  refused: " + r);
        for (String n : notes) out.add("  note: " + n);
        return out;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
