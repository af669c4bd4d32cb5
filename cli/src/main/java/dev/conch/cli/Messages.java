package dev.conch.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.conch.engine.io.Clipping;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.Problem;

/** Turns exceptions into the sentences a sound designer reads. */
final class Messages {
    private Messages() {
    }

    /**
     * Where NaN or infinite output samples (written as silence) come from, for render's and process's warnings: the
     * guard at the output cannot tell a filter that blew up from a float input file that held them.
     */
    static final String NAN_CAUSES = "a filter or feedback loop blew up, or an input file held them; check gains, "
            + "feedback and q";

    /** The warning for a network with nothing to hear or read; render and play run it anyway (what validates runs). */
    static final String NOTHING_TO_SHOW = "it has no AudioOutput, AudioFileWriter or Print node, so nothing of it can be "
            + "heard or read: add one to hear or read it (a Print node prints its controls)";

    /** One line per problem, {@code networks/x.xml:12:5: node 'osc', 'frequency': ...}, as compilers print them. */
    static List<String> problems(String file, NetworkException e) {
        List<String> lines = new ArrayList<>();
        for (Problem p : e.problems()) lines.add(problem(file, p));
        if (lines.isEmpty()) lines.add(file + ": " + e.getMessage());
        return lines;
    }

    static String problem(String file, Problem p) {
        String d = p.describe();
        // a problem without a place (built in code, or about the whole network) has no line:col to show
        if (!p.location().known() && d.startsWith("-: ")) return file + ": " + d.substring(3);
        return file + ":" + d;
    }

    /** {@code networks/x.xml:12:5: warning: node 'x': ...}: legal but probably not meant. */
    static String warning(String file, Problem p) {
        String d = p.describe();
        int colon = d.indexOf(": ");
        String rest = d.substring(colon + 2);
        return p.location().known()
                ? file + ":" + p.location().line() + ":" + p.location().column() + ": warning: " + rest
                : file + ": warning: " + rest;
    }

    /** "out/x.wav: permission denied" rather than a Java exception name. */
    static String ioReason(IOException e) {
        if (e instanceof NoSuchFileException f) return f.getFile() + ": no such file or directory";
        if (e instanceof AccessDeniedException f) return f.getFile() + ": permission denied";
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot be accessed");
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Clipping in 16 or 24 bits is silent damage: how much, how loud, and the ways out ({@code remedy}, then a
     * lower gain).
     */
    static String clipped(String what, Clipping c, String remedy) {
        return String.format(Locale.ROOT, "warning: %s: %d sample%s clipped (peak %+.1f dBFS); %s", what, c.samples(),
                c.samples() == 1 ? "" : "s", c.peakDbfs(), remedy != null ? remedy + " to keep them, or lower the gain"
                : "lower the gain");
    }

    /** "1.5 s", "2 min 3.0 s". */
    static String duration(double seconds) {
        if (seconds < 60) return String.format(Locale.ROOT, "%.3f s", seconds);
        int minutes = (int) (seconds / 60);
        return String.format(Locale.ROOT, "%d min %.3f s", minutes, seconds - 60.0 * minutes);
    }

    static String number(double v) {
        return dev.conch.engine.runtime.DescriptorText.number(v);
    }
}
