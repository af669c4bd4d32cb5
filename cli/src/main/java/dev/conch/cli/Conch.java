package dev.conch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code conch} command. Each subcommand is one small class in this package; they share the error handling
 * of {@link CliCommand}, so a mistake a user can make prints one sentence and never a stack trace.
 *
 * <p>Exit codes: 0 ok, 2 bad network or arguments, 1 I/O or internal error.
 */
@Command(name = "conch", mixinStandardHelpOptions = true, versionProvider = Conch.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Conch: wire processing nodes into a network, render it to an audio file or play it live.")
public final class Conch implements Runnable {
    /** Columns of --help: the longest example line in a footer fits. */
    static final int HELP_WIDTH = 100;

    /** The subcommands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("render", RenderCommand.class);
        COMMANDS.put("process", ProcessCommand.class);
        COMMANDS.put("bench", BenchCommand.class);
        COMMANDS.put("play", PlayCommand.class);
        COMMANDS.put("devices", DevicesCommand.class);
        COMMANDS.put("validate", ValidateCommand.class);
        COMMANDS.put("list", ListCommand.class);
        COMMANDS.put("describe", DescribeCommand.class);
        COMMANDS.put("graph", GraphCommand.class);
        COMMANDS.put("edit", EditCommand.class);
        COMMANDS.put("import", ImportCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        RenderCommand plain = PlainRender.parse(args);
        if (plain == null && args.length > 0) Warmup.startFor(args[0]);
        System.exit(execute(plain, args, null, null));
    }

    /**
     * Runs {@code args}, writing to {@code out} and {@code err} (null: standard output and error, as picocli makes
     * them). A plain render line skips picocli's set-up ({@link PlainRender}); every other goes through picocli.
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(PlainRender.parse(args), args, out, err);
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, {@code plain} being what PlainRender read of them. */
    private static int execute(RenderCommand plain, String[] args, PrintWriter out, PrintWriter err) {
        if (plain != null) {
            PrintWriter o = out != null ? out : standard(System.out, "sun.stdout.encoding");
            PrintWriter e = err != null ? err : standard(System.err, "sun.stderr.encoding");
            plain.writeTo(o, e);
            try {
                return plain.call();
            } finally {
                o.flush();
                e.flush();
            }
        }
        CommandLine cl = commandLine(args);
        if (out != null) cl.setOut(out);
        if (err != null) cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            // the writers flush on println only: what a command wrote with print (import's network) stayed in the
            // buffer, and main's System.exit dropped it
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The writer picocli makes for a standard stream: its charset, buffered, flushed at each line. */
    private static PrintWriter standard(OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset;
        try {
            charset = name == null ? Charset.defaultCharset()
                    : Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
        } catch (RuntimeException unknown) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /**
     * The command line for {@code args}. picocli reads a subcommand's annotations by reflection when it is added, so
     * when the first argument names a subcommand only that one is added, and none for {@code --version} (which went
     * from 0.33 to 0.25-0.30 s: picocli's own first use is most of its start-up). Anything else (no argument, help,
     * a typo) gets them all, so usage and suggestions are complete.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Conch());
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) return cl;
        Class<?> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
            if (only == null || e.getValue() == only) cl.addSubcommand(e.getKey(), e.getValue());
        }
        if (only == null) cl.addSubcommand("help", CommandLine.HelpCommand.class);
        // picocli breaks an over-long line inside a word ("NET.\nxml"): the synopsis names the options once as
        // [OPTIONS] (they are listed below it) and the lines are wide enough for the examples in the footers
        for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        cl.setUsageHelpWidth(HELP_WIDTH);
        return cl;
    }

    /** {@code conch} alone: show what it can do rather than fail silently. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest when packaged, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Conch.class.getPackage().getImplementationVersion();
            return new String[] {"conch " + (v != null ? v : "dev")};
        }
    }
}
