package dev.conch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code conch} command. Each subcommand is one small class in this package; they share the error handling
 * of {@link CliCommand}, so a mistake a user can make prints one sentence and never a stack trace.
 *
 * <p>Exit codes: 0 ok, 2 bad network or arguments, 1 I/O or internal error.
 */
@Command(name = "conch", mixinStandardHelpOptions = true, versionProvider = Conch.Version.class,
        description = "Conch: wire processing nodes into a network, render it to WAV or play it live.",
        subcommands = {RenderCommand.class, BenchCommand.class, PlayCommand.class, DevicesCommand.class, ValidateCommand.class, ListCommand.class, DescribeCommand.class,
                GraphCommand.class, EditCommand.class, CommandLine.HelpCommand.class})
public final class Conch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Conch()).execute(args));
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
