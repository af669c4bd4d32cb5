package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.testing.ExternalTools;
import dev.conch.clam.ClamImport;
import dev.conch.clam.ClamImporter;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All 125 of CLAM's own networks (../shared/clam) through the CLI: each one imports, or names every part Conch cannot
 * take in a located sentence, and none ends in an internal error. The counts that validate, render and play are
 * floors: a change that loses a network fails here (README's table gives them).
 */
class ClamCorpusTest {
    /** What the corpus gives today (README "CLAM networks"); raise them as processors are added, never lower. */
    static final int FILES = 125, IMPORT_FLOOR = 34, VALIDATE_FLOOR = 27, RENDER_FLOOR = 34, PLAY_FLOOR = 34;

    private static final Pattern REFUSAL = Pattern.compile(
            "^\\S+\\.clamnetwork:\\d+:\\d+: (node '[^']*' \\(CLAM [^)]+\\) .+; give --partial .+|node '[^']*': the .+|the .+)$");

    @TempDir
    Path dir;

    static Path root() {
        return Path.of(System.getProperty("conch.clam", "../../shared/clam")).toAbsolutePath().normalize();
    }

    static List<Path> corpus() throws Exception {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(ClamImporter::isClamFile).sorted().toList();
        }
    }

    @Test
    void everyNetworkImportsOrNamesWhatConchLacksAndTheCountsDoNotDrop() throws Exception {
        ExternalTools.require(Files.isDirectory(root()), "CLAM's networks are not at " + root());
        List<Path> files = corpus();
        assertEquals(FILES, files.size(), "the corpus at " + root());
        Path tone = dir.resolve("tone.wav");
        writeTone(tone);
        int imported = 0, validated = 0, rendered = 0, played = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String name = root().relativize(f).toString();
            Path out = dir.resolve("net.xml");
            Files.deleteIfExists(out);
            CliRun imp = CliRun.of("import", f.toString(), "-o", out.toString());
            assertTrue(imp.exit() == 0 || imp.exit() == 2, name + ": " + imp);
            assertFalse(imp.err().contains("internal error") || imp.err().contains("Exception"), name + ": " + imp);
            if (imp.exit() == 2) {
                assertFalse(Files.exists(out), name + ": a refused import writes nothing");
                List<String> lines = imp.err().lines().filter(l -> l.startsWith(f.toString())).toList();
                assertFalse(lines.isEmpty(), name + ": refused without a sentence\n" + imp);
                for (String l : lines) {
                    assertTrue(REFUSAL.matcher(l.substring(l.indexOf(f.getFileName().toString()))).matches()
                            || l.endsWith("give --partial to import the rest without them"), name + ": " + l);
                }
                continue;
            }
            imported++;
            assertTrue(Files.exists(out), name + ": " + imp);
            CliRun v = CliRun.of("validate", f.toString());
            assertTrue(v.exit() == 0 || v.exit() == 2, name + ": " + v);
            assertFalse(v.err().contains("internal error"), name + ": " + v);
            List<String> args = runArgs(f, tone);
            boolean substituted = args.stream().anyMatch(a -> a.contains(".file=" + dir.resolve("missing-")));
            if (v.exit() == 0) validated++;
            else if (!substituted) continue; // refused as it is, and not for a file CLAM's repository lacks
            List<String> render = new ArrayList<>(List.of("render", f.toString(), "--seconds", "0.25"));
            if (args.remove("-o")) render.addAll(List.of("-o", dir.resolve("out.wav").toString()));
            render.addAll(args);
            CliRun r = CliRun.of(render.toArray(String[]::new));
            if (r.exit() == 0) rendered++;
            else if (!refusedInOneSentence(r)) failures.add(name + " (render): " + r);
            List<String> play = new ArrayList<>(List.of("play", f.toString(), "--driver", "null", "--seconds", "0.1"));
            play.addAll(args.stream().map(a -> a.equals("-i") ? "--input" : a).toList());
            CliRun p = CliRun.of(play.toArray(String[]::new));
            if (p.exit() == 0) played++;
            else if (!refusedInOneSentence(p)) failures.add(name + " (play): " + p);
        }
        String counts = "imported " + imported + ", validated " + validated + ", rendered " + rendered + ", played " + played
                + " of " + files.size() + (failures.isEmpty() ? "" : "\n" + String.join("\n", failures));
        System.out.println("CLAM corpus: " + counts);
        assertTrue(failures.isEmpty(), "a CLAM network that validates renders and plays, or is refused in one sentence: " + counts);
        assertTrue(imported >= IMPORT_FLOOR, counts);
        assertTrue(validated >= VALIDATE_FLOOR, counts);
        assertTrue(rendered >= RENDER_FLOOR, counts);
        assertTrue(played >= PLAY_FLOOR, counts);
    }

    /**
     * A refusal the project allows after validate: exit 2 and one sentence after the import report and the compiler's
     * warnings.
     */
    private static boolean refusedInOneSentence(CliRun r) {
        List<String> errors = r.err().lines().filter(l -> !l.startsWith("imported ") && !l.startsWith("  ")
                && !l.contains(": warning: ")).toList();
        return r.exit() == 2 && errors.size() == 1 && !r.err().contains("internal error");
    }

    /**
     * What a render needs besides the file: a mono tone per input channel, as CLAM's OfflinePlayer takes input WAVs,
     * a tone file for each file reader (or impulse response) CLAM's repository does not hold (with as many channels as the
     * network reads from it, as ClamAcceptanceTest gives substitutes), and each of the network's own writers pointed
     * into the temporary folder; a lone "-o" says it has an AudioOutput.
     */
    private List<String> runArgs(Path clamFile, Path tone) throws Exception {
        ClamImport imp = ClamImporter.read(clamFile, clamFile.toString(), ProcessorRegistry.load());
        NetworkSpec spec = imp.spec();
        List<String> args = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            boolean reads = n.type().equals("AudioFileReader") || n.type().equals("Convolver"); // a Convolver's IR
            if (reads && !Files.isRegularFile(Path.of(n.params().get("file").text()))) {
                int channels = 1;
                for (var c : spec.connections()) {
                    if (c.from().node().equals(n.id()) && c.from().port().matches("out\\d+")) { // a reader's channel
                        channels = Math.max(channels, Integer.parseInt(c.from().port().substring(3)));
                    }
                }
                Path substitute = dir.resolve("missing-" + n.id() + ".wav");
                writeTone(substitute, channels);
                args.addAll(List.of("--set", n.id() + ".file=" + substitute));
            }
            if (n.type().equals("AudioInput")) {
                int channels = Integer.parseInt(n.params().get("channels").text());
                for (int c = 0; c < channels; c++) args.addAll(List.of("-i", tone.toString()));
            }
            if (n.type().equals("AudioOutput")) args.add("-o");
            if (n.type().equals("AudioFileWriter")) args.addAll(List.of("--set", n.id() + ".file=" + dir.resolve(n.id() + ".wav")));
        }
        return args;
    }

    private static void writeTone(Path path) throws Exception {
        writeTone(path, 1);
    }

    private static void writeTone(Path path, int channels) throws Exception {
        int rate = 44100, frames = rate / 2;
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) x[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * 330 * (c + 1) * i / rate));
        }
        try (WavWriter w = WavWriter.open(path, channels, rate, SampleFormat.PCM16)) {
            w.write(x, 0, frames);
            w.commit();
        }
    }
}
