package dev.conch.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code conch render} without picocli, for the command lines a script or a user types most: the network, then
 * options each written out in full ({@code --seconds 1}, {@code --seconds=1}, {@code -o out.wav}). picocli's
 * first use costs about 0.1 s of interpreted set-up (its model of the command, read from the annotations by
 * reflection), half of a short render's whole process; reading such a line needs none of it.
 *
 * <p>Anything this reader is not sure to read exactly as picocli would (help, a clustered {@code -qo}, an
 * {@code @file}, a value that starts with a dash, an option given twice, a number {@code Integer.valueOf} or
 * {@code Double.valueOf} refuses, an option it does not know) makes it decline, and picocli reads the line, with its
 * usual messages. It sets the fields picocli's annotations on {@link RenderCommand} and {@link NetworkArgs} name,
 * with picocli's conversions; the defaults are the fields' own initial values, which picocli uses too.
 * {@code PlainRenderTest} parses generated command lines both ways and compares every annotated field.
 */
final class PlainRender {
    private PlainRender() {
    }

    /** The command {@code args} name, ready to run; null when picocli should read them. */
    static RenderCommand parse(String... args) {
        if (args.length < 2 || !args[0].equals("render")) return null;
        RenderCommand c = new RenderCommand();
        c.network = new NetworkArgs();
        Set<String> given = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.startsWith("@")) return null; // picocli expands @files
            if (!arg.startsWith("-")) {
                if (c.network.file != null) return null;
                c.network.file = arg;
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String option = longName(eq < 0 ? arg : arg.substring(0, eq));
            if (option == null) return null;
            boolean repeatable = option.equals("--input") || option.equals("--set");
            if (!given.add(option) && !repeatable) return null; // picocli: "should be specified only once"
            if (isFlag(option)) {
                if (eq >= 0) return null;
                setFlag(c, option);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else {
                if (++i == args.length) return null;
                value = args[i];
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || !set(c, option, value)) return null;
        }
        return c.network.file != null ? c : null;
    }

    /** The option's long name, or null when it is not one of render's (help and version included). */
    private static String longName(String name) {
        return switch (name) {
            case "-o" -> "--output";
            case "-i" -> "--input";
            case "-q" -> "--quiet";
            case "--output", "--input", "--loop-inputs", "--seconds", "--bits", "--format", "--dither", "--title",
                    "--artist", "--comment", "--block", "--threads", "--tail", "--plot", "--quiet", "--partial",
                    "--set", "--rate" -> name;
            default -> null;
        };
    }

    private static boolean isFlag(String option) {
        return switch (option) {
            case "--loop-inputs", "--dither", "--quiet", "--partial" -> true;
            default -> false;
        };
    }

    private static void setFlag(RenderCommand c, String option) {
        switch (option) {
            case "--loop-inputs" -> c.loopInputs = true;
            case "--dither" -> c.dither = true;
            case "--quiet" -> c.quiet = true;
            case "--partial" -> c.network.partial = true;
            default -> throw new IllegalArgumentException(option);
        }
    }

    /** Sets the option's field as picocli's converter would; false when the converter would refuse the value. */
    private static boolean set(RenderCommand c, String option, String value) {
        try {
            switch (option) {
                case "--output" -> c.output = Path.of(value);
                case "--input" -> c.inputs.add(Path.of(value));
                case "--seconds" -> c.seconds = Double.valueOf(value);
                case "--bits" -> c.bits = value;
                case "--format" -> c.fileFormat = value;
                case "--title" -> c.title = value;
                case "--artist" -> c.artist = value;
                case "--comment" -> c.comment = value;
                case "--block" -> c.block = Integer.valueOf(value);
                case "--threads" -> c.threads = value;
                case "--tail" -> c.tail = value;
                case "--plot" -> c.plot = Path.of(value);
                case "--set" -> c.network.sets.add(value);
                case "--rate" -> c.network.rate = Double.valueOf(value);
                default -> throw new IllegalArgumentException(option);
            }
            return true;
        } catch (RuntimeException refused) { // NumberFormatException, InvalidPathException: picocli says it its way
            return false;
        }
    }
}
