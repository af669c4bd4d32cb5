package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code conch render}, as a user's shell sends it: SIGINT to a real JVM running the CLI. The process
 * must be gone within half a second, and the target must hold exactly the bytes it held before, with no temporary
 * file left beside it.
 */
class RenderInterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintEndsARenderPromptlyAndLeavesTheTargetAsItWas() throws Exception {
        // straight through the renderer's writer, and through a float WAV then the transcoder (--title)
        for (String format : List.of("wav", "aiff")) {
            Path target = dir.resolve("kept." + format);
            byte[] before = ("the user's earlier file, " + format).getBytes(StandardCharsets.UTF_8);
            Files.write(target, before);
            Path log = dir.resolve(format + ".log");
            // 24 hours of audio: the render is still running whenever the signal comes
            // env --default-signal=INT: a test run started in the background (nohup, `cmd &` in a script) inherits
            // SIGINT ignored, and a JVM that starts with SIGINT ignored keeps ignoring it, as a user's shell never has
            Process p = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                    "render", CliRun.network("sine.xml"), "-o", target.toString(), "--seconds", "86400", "--title", format.equals("aiff") ? "t" : "")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitTemporaryFile(p, format);
                Thread.sleep(300); // well into the render loop
                long signalled = System.nanoTime();
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -INT failed");
                boolean exited = p.waitFor(15, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - signalled) / 1e9;
                String output = Files.readString(log);
                assertTrue(exited, "still running 15 s after SIGINT\n" + output + threadDump(p));
                // about 0.1 s on a quiet machine; a loaded one stretches the JVM's shutdown (0.7 s seen under
                // stress-ng and two builds), so the bound is loose: it catches a render loop that never looks at the
                // interrupt, which would go on for its 24 hours
                assertTrue(seconds < 3, String.format("%s: exited %.3f s after SIGINT\n%s", format, seconds, output));
                assertTrue(output.contains("interrupted: " + target + " was left untouched"), output);
                assertArrayEquals(before, Files.readAllBytes(target), format + ": the target changed\n" + output);
                try (Stream<Path> left = Files.list(dir)) {
                    List<String> names = left.map(f -> f.getFileName().toString())
                            .filter(n -> n.contains("kept." + format) && !n.equals("kept." + format)).toList();
                    assertEquals(List.of(), names, "temporary files left behind");
                }
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /**
     * The network's own AudioFileWriter is a target as -o is: an interrupted render committed its half-made file over
     * the one there (the user's earlier take replaced, exit 130), while -o beside it was kept.
     */
    @Test
    void sigintLeavesTheNetworksOwnFileWritersTargetsAsTheyWere() throws Exception {
        Path net = dir.resolve("writer.xml");
        Files.writeString(net, """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="writer" version="4" sampleRate="48000">
                  <node id="osc" type="Oscillator"/>
                  <node id="w" type="AudioFileWriter">
                    <param name="file">take.wav</param>
                    <param name="channels">1</param>
                  </node>
                  <node id="out" type="AudioOutput">
                    <param name="channels">1</param>
                  </node>
                  <connect from="osc.out" to="w.in1"/>
                  <connect from="osc.out" to="out.in1"/>
                </network>
                """);
        Path take = dir.resolve("take.wav");
        Path kept = dir.resolve("kept.wav");
        byte[] before = "the user's earlier take".getBytes(StandardCharsets.UTF_8);
        Files.write(take, before);
        Files.write(kept, before);
        Path log = dir.resolve("writer.log");
        Process p = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                "render", net.toString(), "-o", kept.toString(), "--seconds", "86400")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitTemporaryFile(p, "writer");
            Thread.sleep(300);
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor());
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "still running 15 s after SIGINT\n" + Files.readString(log));
            String output = Files.readString(log);
            assertArrayEquals(before, Files.readAllBytes(take), "the writer node's file changed\n" + output);
            assertArrayEquals(before, Files.readAllBytes(kept), "the -o file changed\n" + output);
            assertTrue(output.contains("interrupted: " + kept + ", " + take + " were left untouched"), output);
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.contains(".part-")).toList(),
                        "temporary files left behind");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /** The stuck process's threads (jcmd Thread.print), so a hang says where it is stuck. */
    private static String threadDump(Process p) {
        try {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(10, TimeUnit.SECONDS);
            return "\nthreads of the process:\n" + text;
        } catch (Exception e) {
            return "\n(no thread dump: " + e + ")";
        }
    }

    /** Waits until the render has created its temporary file (the JVM is up and rendering). */
    private void awaitTemporaryFile(Process p, String format) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().contains(".part-")
                        || f.getFileName().toString().contains(".render-"))) {
                    return;
                }
            }
            if (!p.isAlive()) throw new AssertionError(format + ": the render ended before it was interrupted");
            Thread.sleep(20);
        }
        throw new AssertionError(format + ": no temporary file appeared within 60 s");
    }
}
