package dev.conch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs {@code conch} in this JVM, where the Flink runners are on the class path, with stdout and stderr captured. */
record ClusterRun(int exit, String out, String err) {
    static ClusterRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Conch.commandLine(args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new ClusterRun(exit, out.toString(), err.toString());
    }
}
