package dev.conch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Runs {@code conch} in-process with captured stdout and stderr, as the tests see it (public: the property tests use it). */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * {@code Conch.execute} as main runs it (a plain render line through PlainRender, every other through picocli), but
     * never on the test JVM's own stdin: play reads typed commands from System.in on a thread that outlives the run,
     * and on that stdin it would swallow what surefire sends its fork, which then waits 30 s to be killed at exit. A
     * test that types commands sets System.in itself first.
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        java.io.InputStream stdin = System.in;
        if (stdin == JVM_STDIN) System.setIn(java.io.InputStream.nullInputStream());
        try {
            return Conch.execute(args, out, err);
        } finally {
            System.setIn(stdin);
        }
    }

    private static final java.io.InputStream JVM_STDIN = System.in;

    /** A network from src/test/resources/networks. */
    static String network(String name) {
        URL url = CliRun.class.getResource("/networks/" + name);
        if (url == null) throw new IllegalStateException("test network missing: " + name);
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
