package dev.conch.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a network file may write for a processor type: its ports and params with units, ranges, defaults, and
 * whether a param can change live. {@code conch describe} prints it and the editor's help (F1) shows it: one text,
 * read from the processor's own descriptor, the same truth the validator uses.
 */
public final class DescriptorText {
    /** The framing a spectrum stream carries, as the STFT's params name it (hop is derived, not a param). */
    private static final List<String> FRAMING = SpectrumFormat.PARAMS.stream().filter(n -> !n.equals("hop")).toList();

    private DescriptorText() {
    }

    /** The description's lines, without line ends. */
    public static List<String> lines(ProcessorDescriptor d) {
        List<String> out = new ArrayList<>();
        out.add(d.type() + " (" + d.category() + ")");
        out.add("  " + d.description());
        if (d.breaksFeedback()) out.add("  Can close a feedback loop when its delay is at least one block.");

        out.add("");
        out.add("Ports");
        if (d.inputs().isEmpty() && d.outputs().isEmpty()) {
            out.add("  (none)");
        } else {
            TextTable ports = new TextTable("DIR", "NAME", "KIND", "DESCRIPTION");
            for (PortSpec p : d.inputs()) ports.row("in", p.name(), kind(p), p.description() + (p.optional() ? " (optional)" : ""));
            for (PortSpec p : d.outputs()) ports.row("out", p.name(), kind(p), p.description());
            out.addAll(ports.lines("  "));
        }

        out.add("");
        out.add("Params");
        if (d.params().isEmpty()) {
            out.add("  (none)");
        } else {
            TextTable params = new TextTable("NAME", "TYPE", "UNIT", "RANGE", "DEFAULT", "RATE", "CHANGE", "DESCRIPTION");
            for (ParamSpec p : d.params()) {
                params.row(p.name(), p.type().name().toLowerCase(Locale.ROOT), p.unit().isEmpty() ? "-" : p.unit(),
                        range(p), p.defaultText().isEmpty() ? "\"\"" : p.defaultText(),
                        p.rate() == ParamRate.SAMPLE ? "per sample" : "per block", change(p), p.description());
            }
            out.addAll(params.lines("  "));
        }
        if (d.inputs().stream().anyMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            out.add("");
            out.add("  Framing (" + String.join(", ", FRAMING) + ", and so the hop): inherited from the input's STFT;");
            out.add("  set it on the STFT. (Version-1 files that repeat these params here still open when they agree.)");
        } else if (d.outputs().stream().anyMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            out.add("");
            out.add("  Its output carries the framing (" + String.join(", ", FRAMING)
                    + "): the spectral nodes after it take it from there.");
        }
        if (d.params().stream().anyMatch(ParamSpec::structural)) {
            out.add("");
            out.add("  Structural params are fixed once the network is compiled; ports shown are for their defaults.");
        }
        return out;
    }

    /** The whole description, one line per line. */
    public static String of(ProcessorDescriptor d) {
        return String.join("\n", lines(d)) + "\n";
    }

    /** {@code 40} not {@code 40.0}; other values to six significant digits, without trailing zeros. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    /** A spectrum port's size depends on its framing, which only a network decides: "spectrum", not the default's size. */
    private static String kind(PortSpec p) {
        return p.kind() == PortKind.SPECTRUM ? (p.rate() == 1 ? "spectrum" : "spectrum x" + p.rate()) : p.typeLabel();
    }

    private static String range(ParamSpec p) {
        return switch (p.type()) {
            case NUMBER, INTEGER -> number(p.min()) + " to " + number(p.max());
            case CHOICE -> String.join("|", p.choices());
            case BOOLEAN -> "true|false";
            case TEXT -> "text";
        };
    }

    private static String change(ParamSpec p) {
        if (!p.live()) return "structural";
        if (p.smoothingMs() > 0) return "live, smoothed " + number(p.smoothingMs()) + " ms";
        return "live";
    }
}
