package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link PlainRender} against picocli, the parser it stands in for: whatever line it accepts, picocli must accept
 * too and fill every annotated field of {@link RenderCommand} and {@link NetworkArgs} with the same value.
 */
class PlainRenderTest {
    /** Option names, values, and the shapes picocli reads in its own ways (clusters, @files, help, "--"). */
    private static final List<String> TOKENS = List.of("-o", "--output", "-i", "--input", "--loop-inputs", "--seconds",
            "--bits", "--format", "--dither", "--title", "--artist", "--comment", "--block", "--threads", "--tail",
            "--plot", "-q", "--quiet", "--partial", "--set", "--rate", "-h", "--help", "-V", "--version", "-qo",
            "-oout.wav", "-o=x.wav", "--seconds=2", "--block=64", "--set=a.b=1", "--quiet=true", "--seconds=", "--bogus",
            "--", "-", "@args.txt", "", "net.xml", "out.wav", "x y.wav", "1", "2.5", "-1", "1e3", " 2", "0x10", "NaN",
            "Infinity", "2d", "auto", "24", "32f", "a.b=1", "render", "true");

    /**
     * Random lines of up to 8 tokens (seeded, so a failure repeats); at least one in 50 must be read, or the
     * comparison would pass because the reader declined nearly everything.
     */
    @Test
    void everyLineItReadsPicocliReadsTheSame() throws IllegalAccessException {
        SplittableRandom random = new SplittableRandom(21);
        int accepted = 0;
        int tried = 5000;
        for (int i = 0; i < tried; i++) {
            List<String> line = new ArrayList<>(List.of("render"));
            for (int n = random.nextInt(9); n > 0; n--) line.add(TOKENS.get(random.nextInt(TOKENS.size())));
            String[] args = line.toArray(new String[0]);
            RenderCommand plain = PlainRender.parse(args);
            if (plain == null) continue;
            accepted++;
            assertSameAsPicocli(args, plain);
        }
        assertTrue(accepted > tried / 50, "PlainRender read only " + accepted + " of " + tried + " generated lines");
    }

    @Test
    void readsTheLinesScriptsWrite() throws IllegalAccessException {
        for (String line : List.of("render net.xml -o out.wav", "render net.xml --seconds 1 -q -o out.wav",
                "render -o out.wav --bits 32f --block 64 net.xml --threads 2", "render net.xml --seconds=1.5 --output=x.wav",
                "render net.xml -i a.wav -i b.wav --loop-inputs -o o.flac --bits 16 --dither --title T",
                "render net.xml --set osc.frequency=110 --set=gain.gain=-6 --rate 44100 -o o.wav --tail 10s",
                "render net.xml --format aiff --artist A --comment C --plot p.png --partial -o o.wav")) {
            String[] args = line.split(" ");
            RenderCommand plain = PlainRender.parse(args);
            assertNotNull(plain, line);
            assertSameAsPicocli(args, plain);
        }
    }

    @Test
    void leavesHelpVersionAndMistakesToPicocli() {
        for (String line : List.of("render --help", "render net.xml -h", "render -V", "render", "render net.xml other.xml",
                "render net.xml --seconds 1 --seconds 2", "render net.xml --seconds x", "render net.xml --block 1.5",
                "render net.xml -qo out.wav", "render net.xml --bogus", "render net.xml --quiet=true", "render @args",
                "render net.xml -o", "render net.xml --seconds -1", "play net.xml", "validate net.xml")) {
            assertNull(PlainRender.parse(line.split(" ")), line);
        }
    }

    /** An option added to render must be added to PlainRender too (a line naming it would go to picocli). */
    @Test
    void knowsEveryOptionOfRender() {
        CommandLine render = Conch.commandLine("render").getSubcommands().get("render");
        int checked = 0;
        for (OptionSpec o : render.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            for (String name : o.names()) {
                List<String> line = new ArrayList<>(List.of("render", "net.xml", name));
                if (o.arity().min() > 0) line.add(o.type() == String.class || o.type() == Path.class
                        || o.type() == List.class ? "x" : "1");
                assertNotNull(PlainRender.parse(line.toArray(new String[0])), "PlainRender declines " + line);
                checked++;
            }
        }
        assertTrue(checked >= 20, "only " + checked + " option names seen");
    }

    /** What it is for: a plain render line never initialises picocli (its set-up was half a 1 s render's process). */
    @Test
    void aPlainRenderLoadsNoPicocliClass(@TempDir Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"), Conch.class.getName(),
                "render", CliRun.network("sine.xml"), "--seconds", "0.1", "-q", "-o", dir.resolve("o.wav").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.conch.engine.io.WavWriter ")), "the log misses the render");
        assertFalse(loaded.stream().anyMatch(l -> l.contains(" picocli.")), "picocli was loaded for a plain render");
    }

    private static void assertSameAsPicocli(String[] args, RenderCommand plain) throws IllegalAccessException {
        CommandLine cl = Conch.commandLine(args);
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("PlainRender read " + List.of(args) + ", picocli refused it: " + e.getMessage());
        }
        assertFalse(parsed.subcommand().isUsageHelpRequested() || parsed.subcommand().isVersionHelpRequested());
        RenderCommand picocli = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertSameFields(List.of(args), picocli, plain);
        assertSameFields(List.of(args), picocli.network, plain.network);
    }

    /** Every field picocli sets (an option or a positional) holds an equal value in both. */
    private static void assertSameFields(List<String> line, Object expected, Object actual) throws IllegalAccessException {
        int compared = 0;
        for (Field f : expected.getClass().getDeclaredFields()) {
            if (!f.isAnnotationPresent(CommandLine.Option.class) && !f.isAnnotationPresent(CommandLine.Parameters.class)) {
                continue;
            }
            f.setAccessible(true);
            assertEquals(f.get(expected), f.get(actual), f.getName() + " after " + line);
            compared++;
        }
        assertTrue(compared > 0);
    }
}
