package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conch.engine.batch.Levels;
import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch process}: against {@code conch render -i} (which holds its input in memory) file for file, against
 * sox's own low-pass, against the definition of its levels and its seeded draws; and every refusal before the
 * first file as one sentence that leaves nothing written.
 */
class ProcessTest {
    private static final Path GLASS_SHAPER = Path.of(System.getProperty("conch.networks", "../networks"), "glass-shaper.xml");

    @TempDir
    Path dir;

    /** A float WAV of a decaying tone plus seeded noise, so every sample differs from its neighbours. */
    private Path tone(Path file, int channels, double seconds, double frequency, long seed) throws Exception {
        int frames = (int) Math.round(48000 * seconds);
        float[][] x = new float[channels][frames];
        SplittableRandom noise = new SplittableRandom(seed);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = (float) (0.4 * Math.exp(-1.0 * i / frames) * Math.sin(2 * Math.PI * frequency * (c + 1) * i / 48000)
                        + 0.05 * (noise.nextDouble() - 0.5));
            }
        }
        Files.createDirectories(file.getParent());
        try (WavWriter w = WavWriter.open(file, channels, 48000, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return file;
    }

    private static float[][] read(Path file) throws Exception {
        return AudioFileLoader.load(file).channels();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyInputComesOutAsRenderIMakesIt() throws Exception {
        List<Path> ins = new ArrayList<>();
        for (int i = 0; i < 3; i++) ins.add(tone(dir.resolve("takes/take" + i + ".wav"), 2, 0.5 + 0.3 * i, 150 + 100 * i, i));
        Path out = dir.resolve("out");
        // a folder, on 2 jobs, 32-bit float: no quantization hides a difference
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", out.toString(),
                "--jobs", "2", "--bits", "32f", "--block", "97");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("manifest.csv", "manifest.json", "take0.wav", "take1.wav", "take2.wav"), names(out));
        for (Path in : ins) {
            Path reference = dir.resolve("ref-" + in.getFileName());
            CliRun render = CliRun.of("render", GLASS_SHAPER.toString(), "-i", in.toString(), "-o", reference.toString(),
                    "--bits", "32f", "--quiet");
            assertEquals(0, render.exit(), render.toString());
            float[][] expected = read(reference);
            float[][] got = read(out.resolve(in.getFileName()));
            assertEquals(expected.length, got.length);
            for (int c = 0; c < expected.length; c++) assertArrayEquals(expected[c], got[c], in + " channel " + c);
            assertTrue(expected[0].length >= Math.round(48000 * 0.5), "the render is as long as its input");
        }
        assertTrue(run.out().contains("processed 3 files into " + out + ": 3 rendered, 0 kept (already there), 0 failed"), run.out());
    }

    /**
     * A 24-bit output whose samples pass full scale is named on stderr with how many were cut and the peak before the
     * cut, as render warns of its one file, and in --json; a quiet file of the same batch is not, nor a float batch.
     * The count and peak come from the input read back and the Gain's factor, not from the writer.
     */
    @Test
    void clippedFilesAreNamedWithTheirCountAndPeak() throws Exception {
        Path takes = dir.resolve("takes");
        Path loud = tone(takes.resolve("loud.wav"), 1, 0.3, 300, 4);
        float[] soft = new float[4800];
        for (int i = 0; i < soft.length; i++) soft[i] = (float) (0.1 * Math.sin(i * 0.03));
        TestAudio.floatWav(takes.resolve("soft.wav"), soft);
        Path net = TestAudio.monoGain(dir.resolve("boost.xml"), 9);
        float g = (float) dev.conch.processors.dsp.Dsp.dbToGain(9);
        long over = 0;
        double peak = 0;
        for (float x : read(loud)[0]) {
            float y = x * g;
            if (Math.abs(y) > 1) over++;
            peak = Math.max(peak, Math.abs(y));
        }
        assertTrue(over > 100, "the test's input clips: " + over);

        Path out = dir.resolve("out");
        CliRun run = CliRun.of("process", net.toString(), takes.toString(), "-o", out.toString());
        assertEquals(0, run.exit(), "clipping is a warning, not a failure: " + run);
        assertTrue(run.err().contains("warning: 1 of 2 files clipped; write --bits 32f to keep the samples beyond full "
                + "scale, or lower the gain:\n  loud.wav: " + over + " samples clipped (peak "
                + String.format(java.util.Locale.ROOT, "%+.1f", 20 * Math.log10(peak)) + " dBFS)\n"), run.err());
        assertFalse(run.err().contains("soft.wav"), run.err());

        CliRun json = CliRun.of("process", net.toString(), takes.toString(), "-o", out.toString(), "--force", "--json");
        assertTrue(json.out().contains("\"clipped\" : 1,"), json.out());
        assertTrue(json.out().contains("\"clippedSamples\" : " + over + ","), json.out());
        assertEquals(json.out().indexOf("clippedSamples"), json.out().lastIndexOf("clippedSamples"), "only loud.wav");

        CliRun floats = CliRun.of("process", net.toString(), takes.toString(), "-o", dir.resolve("floats").toString(),
                "--bits", "32f");
        assertFalse(floats.err().contains("clipped"), "a float file keeps every sample: " + floats.err());
    }

    /**
     * An output where samples were NaN or infinite (written as silence) is named on stderr with their count, as render
     * warns of its one file, and in --json: here ten NaNs put in the input, passed through a Gain.
     */
    @Test
    void filesWithNanSamplesAreNamed() throws Exception {
        Path takes = dir.resolve("takes");
        float[][] x = {new float[4800]};
        for (int i = 0; i < x[0].length; i++) x[0][i] = i >= 1000 && i < 1010 ? Float.NaN : (float) (0.1 * Math.sin(i * 0.05));
        TestAudio.floatWav(takes.resolve("broken.wav"), x);
        tone(takes.resolve("fine.wav"), 1, 0.1, 300, 6);
        Path net = TestAudio.monoGain(dir.resolve("thru.xml"), 0);
        CliRun run = CliRun.of("process", net.toString(), takes.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("warning: 1 of 2 files had samples that were NaN/Inf, replaced by silence (a filter "
                + "or feedback loop blew up, or an input file held them; check gains, feedback and q):\n  broken.wav: 10 "
                + "samples\n"), run.err());
        assertFalse(run.err().contains("fine.wav"), run.err());
        CliRun json = CliRun.of("process", net.toString(), takes.toString(), "-o", dir.resolve("out").toString(),
                "--force", "--json");
        assertTrue(json.out().contains("\"nanSamples\" : 10"), json.out());
        assertEquals(json.out().indexOf("nanSamples"), json.out().lastIndexOf("nanSamples"), "only broken.wav");
    }

    /**
     * A sample library's tree: without --recursive only the folder's own files, and a note naming what was left out;
     * with it every file below, each output in the same sub-folder of OUTDIR (created), equal to render -i's, and the
     * manifest naming it by that path. Two files of one name in different sub-folders do not collide.
     */
    @Test
    void aFolderTreeIsProcessedIntoTheSameTreeWithRecursive() throws Exception {
        Path lib = dir.resolve("library");
        Path top = tone(lib.resolve("top.wav"), 2, 0.3, 200, 1);
        Path kick = tone(lib.resolve("drums/kick.wav"), 2, 0.3, 60, 2);
        Path deep = tone(lib.resolve("drums/v1.2/kick.wav"), 2, 0.2, 70, 3);
        Path pad = tone(lib.resolve("pads/pad.wav"), 2, 0.4, 300, 4);
        Files.writeString(lib.resolve("drums/notes.txt"), "not a sound: left alone");

        Path flat = dir.resolve("flat");
        CliRun one = CliRun.of("process", GLASS_SHAPER.toString(), lib.toString(), "-o", flat.toString());
        assertEquals(0, one.exit(), one.toString());
        assertEquals(List.of("manifest.csv", "manifest.json", "top.wav"), names(flat));
        assertTrue(one.err().contains("note: " + lib + " has sub-folders with sound files, left out; add --recursive"),
                one.err());

        Path tree = dir.resolve("tree");
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), lib.toString(), "-o", tree.toString(), "-r",
                "--jobs", "2", "--bits", "32f");
        assertEquals(0, run.exit(), run.toString());
        assertFalse(run.err().contains("note:"), run.err());
        Map<String, Path> outputs = new java.util.LinkedHashMap<>();
        outputs.put("drums/kick.wav", kick);
        outputs.put("drums/v1.2/kick.wav", deep);
        outputs.put("pads/pad.wav", pad);
        outputs.put("top.wav", top);
        for (var e : outputs.entrySet()) {
            Path reference = dir.resolve("ref.wav");
            CliRun render = CliRun.of("render", GLASS_SHAPER.toString(), "-i", e.getValue().toString(), "-o",
                    reference.toString(), "--bits", "32f", "--quiet");
            assertEquals(0, render.exit(), render.toString());
            float[][] expected = read(reference);
            float[][] got = read(tree.resolve(e.getKey()));
            for (int c = 0; c < expected.length; c++) assertArrayEquals(expected[c], got[c], e.getKey() + " channel " + c);
        }
        List<String> csv = Files.readAllLines(tree.resolve("manifest.csv"));
        assertEquals(List.copyOf(outputs.keySet()), csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(run.out().contains("processed 4 files into " + tree + ": 4 rendered"), run.out());
        // run again: every output in the tree is found and kept
        CliRun again = CliRun.of("process", GLASS_SHAPER.toString(), lib.toString(), "-o", tree.toString(), "-r");
        assertTrue(again.out().contains("0 rendered, 4 kept"), again.out());

        // a folder whose sound files are all in sub-folders says so, rather than that it holds none
        Path nested = dir.resolve("nested");
        tone(nested.resolve("inner/a.wav"), 2, 0.2, 100, 5);
        CliRun only = CliRun.of("process", GLASS_SHAPER.toString(), nested.toString(), "-o", dir.resolve("none").toString());
        assertEquals(2, only.exit(), only.toString());
        assertTrue(only.err().contains(nested + ": the folder holds no sound files (WAV, AIFF, AU, FLAC or MP3); its "
                + "sub-folders do: add --recursive to take them"), only.err());
        assertFalse(Files.exists(dir.resolve("none")), "nothing written");

        // an output folder inside the tree is not taken as more input, however often the batch runs
        Path inside = lib.resolve("processed");
        for (int pass = 0; pass < 2; pass++) {
            CliRun in = CliRun.of("process", GLASS_SHAPER.toString(), lib.toString(), "-o", inside.toString(), "-r");
            assertEquals(0, in.exit(), in.toString());
            assertTrue(in.out().contains("processed 4 files into " + inside), in.out());
        }
        assertFalse(Files.exists(inside.resolve("processed")), "no outputs of outputs");
    }

    /**
     * Processing a folder into itself would write each input over with its own output (or, without --force, keep the
     * input as though it were the output): refused before anything is written, the input untouched.
     */
    @Test
    void anOutputFolderThatWouldWriteOverItsInputsIsRefused() throws Exception {
        Path takes = dir.resolve("takes");
        Path a = tone(takes.resolve("a.wav"), 2, 0.3, 200, 1);
        byte[] before = Files.readAllBytes(a);
        for (String force : List.of("--force", "--quiet")) {
            CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), takes.toString(), "-o", takes + "/.", force);
            assertEquals(2, run.exit(), run.toString());
            assertEquals("-o " + takes + "/.: " + a + " would be written over by its own output; give another output "
                    + "folder", run.err().strip().replaceFirst("^conch: ", ""));
            assertArrayEquals(before, Files.readAllBytes(a));
            assertEquals(List.of("a.wav"), names(takes), "nothing written beside it");
        }
    }

    /**
     * An output that lands on another input (a variation's name is an input's) or on a file a node reads (an impulse
     * response kept in the output folder) would replace what the batch reads: refused before anything is written,
     * also when that file is reached through a link.
     */
    @Test
    void anOutputThatWouldWriteOverAnotherInputOrANodesFileIsRefused() throws Exception {
        Path takes = dir.resolve("takes");
        Path out = dir.resolve("out");
        Path a = tone(takes.resolve("a.wav"), 2, 0.3, 200, 1);
        Path named = tone(out.resolve("a-v0001.wav"), 2, 0.3, 300, 2);
        byte[] before = Files.readAllBytes(named);
        CliRun other = CliRun.of("process", GLASS_SHAPER.toString(), a.toString(), named.toString(), "-o", out.toString(),
                "--vary", "shape1.drive=2,3", "--force");
        assertEquals(2, other.exit(), other.toString());
        assertEquals("-o " + out + ": " + named + " would be written over by the output of " + a + "; give another "
                + "output folder", other.err().strip().replaceFirst("^conch: ", ""));
        assertArrayEquals(before, Files.readAllBytes(named));

        // a convolution between the filter and the gain, reading its impulse response from the output folder
        Path ir = tone(dir.resolve("rooms/room.wav"), 1, 0.05, 500, 3);
        Files.createSymbolicLink(out.resolve("a.wav"), ir);
        byte[] irBefore = Files.readAllBytes(ir);
        Path net = dir.resolve("with-room.xml");
        Files.writeString(net, Files.readString(GLASS_SHAPER).replace("version=\"2\"", "version=\"4\"")
                .replace("<node id=\"gain1\"", "<node id=\"room\" type=\"Convolver\"><param name=\"file\">out/a.wav"
                        + "</param></node>\n  <node id=\"gain1\"")
                .replace("<connect from=\"filter1.out\" to=\"gain1.in\"/>",
                        "<connect from=\"filter1.out\" to=\"room.in\"/><connect from=\"room.out\" to=\"gain1.in\"/>"));
        Path link = out.resolve("a.wav");
        for (String force : List.of("--force", "--quiet")) {
            CliRun node = CliRun.of("process", net.toString(), a.toString(), "-o", out.toString(), force);
            assertEquals(2, node.exit(), node.toString());
            assertEquals(net + ": node 'room' reads " + link + ", which the output of " + a + " would write over; give "
                    + "another output folder", node.err().strip().replaceFirst("^conch: ", ""));
            assertArrayEquals(irBefore, Files.readAllBytes(ir));
            assertTrue(Files.isSymbolicLink(link), "the link is left as it was");
        }
    }

    /**
     * A file param varied over files (a dataset augmented with rooms): each variation equals render --set with that
     * impulse response, the manifest records each file's absolute path, and a file that is not there is one sentence
     * before anything is written, as is a range of files.
     */
    @Test
    void anImpulseResponseVariedOverFilesEqualsRenderWithEach() throws Exception {
        Path reverb = GLASS_SHAPER.resolveSibling("convolution-reverb.xml");
        Path irs = Files.createDirectories(dir.resolve("irs"));
        tone(irs.resolve("small.wav"), 1, 0.05, 900, 5);
        tone(irs.resolve("large.wav"), 1, 0.3, 300, 6);
        Path out = dir.resolve("rooms");
        // a path typed here starts from the current folder: the test's own, so the files are named absolute
        String small = irs.resolve("small.wav").toString(), large = irs.resolve("large.wav").toString();
        CliRun run = CliRun.of("process", reverb.toString(), "-o", out.toString(), "--seconds", "0.5", "--tail", "0.5",
                "--bits", "32f", "--vary", "room.file=" + small + "," + large, "--quiet");
        assertEquals(0, run.exit(), run.toString());
        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals("room.file", csv.get(0).substring(csv.get(0).lastIndexOf(',') + 1));
        for (int v = 1; v <= 2; v++) {
            String ir = v == 1 ? small : large;
            assertTrue(csv.get(v).endsWith("," + ir), csv.get(v));
            Path reference = dir.resolve("ref.wav");
            CliRun render = CliRun.of("render", reverb.toString(), "-o", reference.toString(), "--seconds", "0.5", "--tail",
                    "0.5", "--bits", "32f", "--set", "room.file=" + ir, "--quiet");
            assertEquals(0, render.exit(), render.toString());
            float[][] expected = read(reference);
            float[][] got = read(out.resolve(String.format("convolution-reverb-v%04d.wav", v)));
            for (int c = 0; c < expected.length; c++) assertArrayEquals(expected[c], got[c], ir + " channel " + c);
        }
        assertFalse(java.util.Arrays.equals(read(out.resolve("convolution-reverb-v0001.wav"))[0],
                read(out.resolve("convolution-reverb-v0002.wav"))[0]), "two rooms sound different");

        Path none = dir.resolve("none");
        CliRun missing = CliRun.of("process", reverb.toString(), "-o", none.toString(), "--vary",
                "room.file=" + small + "," + irs.resolve("hall.wav"));
        assertEquals(2, missing.exit(), missing.toString());
        String said = missing.err().strip();
        assertTrue(said.startsWith("--vary room.file=") && said.endsWith(": there is no file " + irs.resolve("hall.wav")
                + " (a path here starts from the current folder)") && said.lines().count() == 1, said);
        assertFalse(Files.exists(none), "nothing written");
        CliRun range = CliRun.of("process", reverb.toString(), "-o", none.toString(), "--vary", "room.file=uniform(1,2)");
        assertEquals(2, range.exit(), range.toString());
        assertTrue(range.err().contains("'file' names a file: give a list of files, a.wav,b.wav, or choice(a.wav,b.wav)"),
                range.err());
    }

    /**
     * --dry-run lists each output with its input and params, marks those already there, and writes nothing, not even
     * the output folder; its JSON says the same; a mistake is still refused as in a real run.
     */
    @Test
    void aDryRunSaysWhatWouldBeRenderedAndWritesNothing() throws Exception {
        Path takes = dir.resolve("takes");
        tone(takes.resolve("a.wav"), 2, 0.3, 200, 1);
        tone(takes.resolve("b.wav"), 2, 0.3, 300, 2);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), takes.toString(), "-o", out.toString(), "--dry-run",
                "--vary", "shape1.drive=2,4");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("a-v0001.wav  <-  " + takes.resolve("a.wav") + "  shape1.drive=2",
                "a-v0002.wav  <-  " + takes.resolve("a.wav") + "  shape1.drive=4",
                "b-v0001.wav  <-  " + takes.resolve("b.wav") + "  shape1.drive=2",
                "b-v0002.wav  <-  " + takes.resolve("b.wav") + "  shape1.drive=4",
                "dry run: 4 files into " + out + ", 4 to render, 0 there already; nothing written"), run.out().lines().toList());
        assertFalse(Files.exists(out), "nothing written, not even the folder");

        assertEquals(0, CliRun.of("process", GLASS_SHAPER.toString(), takes.resolve("a.wav").toString(), "-o",
                out.toString(), "--quiet").exit());
        CliRun json = CliRun.of("process", GLASS_SHAPER.toString(), takes.toString(), "-o", out.toString(), "-n", "--json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals(2, j.get("files").asInt());
        assertEquals(1, j.get("kept").asInt(), json.out());
        assertTrue(j.get("items").get(0).get("kept").asBoolean(), "a.wav is there already");
        assertFalse(j.get("items").get(1).get("kept").asBoolean());
        assertEquals(List.of("a.wav", "manifest.csv", "manifest.json"), names(out), "the dry run added nothing");

        CliRun bad = CliRun.of("process", GLASS_SHAPER.toString(), takes.toString(), "-o", out.toString(), "-n",
                "--vary", "shape1.drive=1000");
        assertEquals(2, bad.exit(), bad.toString());
    }

    /** An MP3 in a folder is a sound like a WAV (AudioFileLoader reads it), and comes out as a WAV of its name. */
    @Test
    void anMp3InAFolderIsProcessedIntoAWav() throws Exception {
        Path takes = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(Path.of(SoundInTest.class.getResource("sine440.mp3").toURI()), takes.resolve("sine440.mp3"));
        Files.writeString(takes.resolve("notes.txt"), "not a sound");
        Path net = dir.resolve("through.xml"), out = dir.resolve("out");
        Files.writeString(net, "<network name=\"through\" version=\"2\" sampleRate=\"44100\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<connect from=\"in.out1\" to=\"out.in1\"/></network>");
        CliRun run = CliRun.of("process", net.toString(), takes.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(List.of("manifest.csv", "manifest.json", "sine440.wav"), names(out));
        Path reference = dir.resolve("ref.wav");
        CliRun render = CliRun.of("render", net.toString(), "-i", takes.resolve("sine440.mp3").toString(), "-o",
                reference.toString(), "--bits", "32f", "--quiet");
        assertEquals(0, render.exit(), render.toString());
        assertArrayEquals(read(reference)[0], read(out.resolve("sine440.wav"))[0]);
    }

    /** sox's lowpass is the RBJ cookbook's two-pole low-pass, computed in double: Conch's float Biquad agrees to ~1e-7. */
    @Test
    void aBiquadLowPassEqualsSoxLowpassOnTheSameFiles() throws Exception {
        ExternalTools.requireOnPath("sox");
        Path in = tone(dir.resolve("in/noisy.wav"), 2, 1.0, 300, 42);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("process", CliRun.network("lowpass-in.xml"), in.toString(), "-o", out.toString(),
                "--bits", "32f", "--quiet");
        assertEquals(0, run.exit(), run.toString());
        Path sox = dir.resolve("sox.wav");
        Process p = new ProcessBuilder("sox", in.toString(), "-e", "floating-point", "-b", "32", sox.toString(),
                "lowpass", "1000", "0.7071067811865476q").redirectErrorStream(true).start();
        String soxSaid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, soxSaid);
        float[][] expected = read(sox);
        float[][] got = read(out.resolve("noisy.wav"));
        double worst = 0;
        double energy = 0;
        for (int c = 0; c < 2; c++) {
            assertEquals(expected[c].length, got[c].length, "length");
            for (int i = 0; i < got[c].length; i++) {
                worst = Math.max(worst, Math.abs(expected[c][i] - got[c][i]));
                energy += got[c][i] * got[c][i];
            }
        }
        assertTrue(worst < 2e-6, "worst difference from sox " + worst);
        assertTrue(energy > 100, "the filter passed the tone (energy " + energy + ")");
    }

    /**
     * The manifest's peak and RMS are those of the files as written (read back here), and of the definition: a sine
     * of amplitude a peaks at a and has an RMS of a/sqrt 2. Its params are the drawn ones: uniform(a,b) from the
     * variation's recorded seed is a + (b - a) * the first double SplitMix64 gives.
     */
    /**
     * Regression: a network's Print nodes printed in a batch as in a render, unlabelled, so the lines of files
     * processed at once could not be told apart. Each line now starts with its file's name; with --json they go to
     * standard error, and standard output stays one JSON report.
     */
    @Test
    void printedLinesSayWhichFileTheyCameFrom() throws Exception {
        Path net = dir.resolve("counted.xml");
        Files.writeString(net, "<network name=\"counted\" version=\"4\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node>"
                + "<node id=\"count\" type=\"BinaryCounter\"><param name=\"rate\">10</param></node>"
                + "<node id=\"show\" type=\"Print\"><param name=\"label\">ticks</param></node>"
                + "<connect from=\"in.out1\" to=\"out.in1\"/><control from=\"count.bit0\" to=\"show.in1\"/></network>");
        tone(dir.resolve("takes/a.wav"), 1, 0.35, 440, 1);
        tone(dir.resolve("takes/b.wav"), 1, 0.35, 660, 2);
        List<String> ticks = List.of("0.000 s  ticks: 0", "0.100 s  ticks: 1", "0.200 s  ticks: 0", "0.300 s  ticks: 1");
        CliRun run = CliRun.of("process", net.toString(), dir.resolve("takes").toString(), "-o", dir.resolve("o1").toString(),
                "--jobs", "2", "--quiet");
        assertEquals(0, run.exit(), run.toString());
        for (String file : List.of("a.wav", "b.wav")) {
            assertEquals(ticks.stream().map(t -> file + ": " + t).toList(),
                    run.out().lines().filter(l -> l.startsWith(file + ": ")).toList(), run.toString());
        }
        CliRun json = CliRun.of("process", net.toString(), dir.resolve("takes").toString(), "-o", dir.resolve("o2").toString(),
                "--json");
        assertEquals(0, json.exit(), json.toString());
        new ObjectMapper().readTree(json.out()); // one JSON document, nothing else
        assertEquals(4, json.err().lines().filter(l -> l.startsWith("a.wav: ")).count(), json.toString());
    }

    @Test
    void theManifestRecordsEachFilesParamsSeedAndLevels() throws Exception {
        Path out = dir.resolve("sines");
        CliRun run = CliRun.of("process", CliRun.network("sine.xml"), "-o", out.toString(), "--vary", "osc.amplitude=0.25,0.5",
                "--vary", "osc.frequency=uniform(200,2000)", "--count", "2", "--seed", "11", "--quiet");
        assertEquals(0, run.exit(), run.toString());
        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals("file,input,seed,seconds,frames,sample_rate,peak,rms,osc.amplitude,osc.frequency", csv.get(0));
        assertEquals(5, csv.size(), "2 amplitudes x 2 draws");
        JsonNode json = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(11, json.get("seed").asLong());
        for (int row = 1; row < csv.size(); row++) {
            String[] f = csv.get(row).split(",");
            assertEquals(String.format("sine-v%04d.wav", row), f[0]);
            double amplitude = Double.parseDouble(f[8]);
            assertEquals(row <= 2 ? 0.25 : 0.5, amplitude, "lists vary slowest, each repeated --count times");
            double frequency = Double.parseDouble(f[9]);
            double u = new SplittableRandom(Long.parseLong(f[2])).nextDouble();
            assertEquals(200 + 1800 * u, frequency, 1e-9, "drawn from the recorded seed");

            AudioData back = AudioFileLoader.load(out.resolve(f[0]));
            double peak = 0;
            double squares = 0;
            long n = 0;
            for (float[] c : back.channels()) {
                for (float x : c) {
                    peak = Math.max(peak, Math.abs(x));
                    squares += (double) x * x;
                    n++;
                }
            }
            assertEquals(peak, Double.parseDouble(f[6]), 0, "peak of the file read back");
            assertEquals(Math.sqrt(squares / n), Double.parseDouble(f[7]), 1e-12, "RMS of the file read back");
            assertEquals(amplitude, peak, amplitude * 0.01, "a sine peaks at its amplitude");
            assertEquals(amplitude / Math.sqrt(2), Math.sqrt(squares / n), amplitude * 0.01, "a sine's RMS");
            assertEquals(0.25, Double.parseDouble(f[3]), 1e-12, "the network's duration");
            JsonNode file = json.get("files").get(row - 1);
            assertEquals(f[0], file.get("file").asText());
            assertEquals(Double.parseDouble(f[7]), file.get("rms").asDouble(), 0);
            assertEquals(f[9], file.get("params").get("osc.frequency").asText());
        }
    }

    /**
     * The levels are taken as each file is written, not read back: the manifest's peak and RMS must still be the very
     * bits {@link Levels#measure} reads back from the file (16-bit: quantization included), and neither the files nor
     * the levels may depend on the block size.
     */
    @Test
    void theManifestsLevelsAreTheBitsReadBackFromEachFileAtAnyBlockSize() throws Exception {
        for (int i = 0; i < 3; i++) tone(dir.resolve("takes/t" + i + ".wav"), 2, 0.4 + 0.2 * i, 200 + 70 * i, 20 + i);
        List<String> manifests = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (String block : List.of("97", "4096")) {
            Path out = dir.resolve("out" + block);
            CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", out.toString(),
                    "--bits", "16", "--block", block, "--jobs", "2", "--quiet");
            assertEquals(0, run.exit(), run.toString());
            List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
            assertEquals(4, csv.size());
            ByteArrayCollector all = new ByteArrayCollector();
            for (String row : csv.subList(1, csv.size())) {
                String[] f = row.split(",");
                Levels back = Levels.measure(out.resolve(f[0]));
                assertEquals(Double.toString(back.peak()), f[6], f[0] + ": peak");
                assertEquals(Double.toString(back.rms()), f[7], f[0] + ": RMS");
                assertEquals(Long.toString(back.frames()), f[4], f[0] + ": frames");
                all.add(Files.readAllBytes(out.resolve(f[0])));
            }
            manifests.add(String.join("\n", csv));
            files.add(all.bytes());
        }
        assertEquals(manifests.get(0), manifests.get(1), "the manifest at blocks of 97 and 4096");
        assertArrayEquals(files.get(0), files.get(1), "the files at blocks of 97 and 4096");
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws Exception {
        List<byte[]> firsts = new ArrayList<>();
        for (String seed : List.of("5", "5", "6")) {
            Path out = dir.resolve("run" + firsts.size());
            CliRun run = CliRun.of("process", CliRun.network("sine.xml"), "-o", out.toString(), "--vary",
                    "osc.frequency=loguniform(100,4000)", "--vary", "osc.waveform=choice(saw,square)", "--count", "3",
                    "--seed", seed, "--jobs", "3", "--quiet");
            assertEquals(0, run.exit(), run.toString());
            ByteArrayCollector all = new ByteArrayCollector();
            for (String name : names(out)) all.add(Files.readAllBytes(out.resolve(name)));
            firsts.add(all.bytes());
        }
        assertArrayEquals(firsts.get(0), firsts.get(1), "seed 5 twice");
        assertFalse(java.util.Arrays.equals(firsts.get(0), firsts.get(2)), "seed 6 draws other values");
    }

    /** Everything in order, as one stream of bytes. */
    private static final class ByteArrayCollector {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] b) {
            out.writeBytes(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void aCorruptInputIsItsOwnFailureAndTheRestAreProcessed() throws Exception {
        tone(dir.resolve("takes/a.wav"), 2, 0.3, 200, 1);
        Files.writeString(dir.resolve("takes/b.wav"), "not a sound");
        tone(dir.resolve("takes/c.wav"), 1, 0.3, 200, 3);
        tone(dir.resolve("takes/d.wav"), 2, 0.3, 200, 4);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", out.toString(),
                "--json");
        assertEquals(1, run.exit(), run.toString());
        assertEquals(List.of("a.wav", "d.wav", "manifest.csv", "manifest.json"), names(out));
        assertTrue(run.err().contains("2 of 4 failed:"), run.err());
        assertTrue(run.err().contains("b.wav is not in a format Conch can read"), run.err());
        assertTrue(run.err().contains("c.wav has 1 channel and " + GLASS_SHAPER + " takes 2 channels (node 'in')"), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(2, report.get("rendered").asInt());
        assertEquals(2, report.get("failed").asInt());
        assertEquals("failed", report.get("items").get(1).get("status").asText());
        assertEquals(3, Files.readAllLines(out.resolve("manifest.csv")).size(), "failures have no row");
    }

    @Test
    void existingOutputsAreKeptUnlessForced() throws Exception {
        Path in = tone(dir.resolve("takes/a.wav"), 2, 0.3, 200, 1);
        tone(dir.resolve("takes/b.wav"), 2, 0.3, 300, 2);
        Path out = Files.createDirectories(dir.resolve("out"));
        // the copy of an earlier run's a.wav: a different sound, which must stay
        Path kept = Files.copy(in, out.resolve("a.wav"));
        byte[] before = Files.readAllBytes(kept);
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("1 rendered, 1 kept (already there), 0 failed"), run.out());
        assertArrayEquals(before, Files.readAllBytes(kept));
        assertEquals(3, Files.readAllLines(out.resolve("manifest.csv")).size(), "a kept file is in the manifest too");
        CliRun forced = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", out.toString(),
                "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertTrue(forced.out().contains("2 rendered, 0 kept"), forced.out());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(kept)), "--force rendered it again");
    }

    @Test
    void formatAndBitsWorkAsInRender() throws Exception {
        tone(dir.resolve("takes/a.wav"), 2, 0.3, 200, 1);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("takes/*.wav").toString(), "-o", out.toString(),
                "--format", "flac", "--bits", "16", "--quiet");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(AudioFileLoader.probe(out.resolve("a.flac")).format().startsWith("FLAC, 16-bit"),
                AudioFileLoader.probe(out.resolve("a.flac")).format());
    }

    /** Each mistake: exit 2, one sentence, and no folder, file or manifest written. */
    @Test
    void mistakesAreOneSentenceAndNothingIsWritten() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        tone(dir.resolve("takes/a.wav"), 2, 0.3, 200, 1);
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Path out = dir.resolve("never");
        String sine = CliRun.network("sine.xml");
        List<List<String>> cases = List.of(
                List.of(GLASS_SHAPER.toString(), empty.toString(), "-o", out.toString()),
                List.of(GLASS_SHAPER.toString(), dir.resolve("takes/*.aiff").toString(), "-o", out.toString()),
                List.of(GLASS_SHAPER.toString(), "-o", out.toString()),
                List.of(GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", aFile.resolve("out").toString()),
                List.of(GLASS_SHAPER.toString(), dir.resolve("takes").toString(), "-o", aFile.toString()),
                List.of(sine, "-o", out.toString(), "--vary", "osc.frequncy=100,200"),
                List.of(sine, "-o", out.toString(), "--vary", "osc.frequency=100,30000"),
                List.of(sine, "-o", out.toString(), "--vary", "osc.frequency=uniform(100,90000)"),
                List.of(sine, "-o", out.toString(), "--vary", "osc.frequency=range(100,300,0)"),
                List.of(sine, "-o", out.toString(), "--count", "3"),
                List.of(sine, dir.resolve("takes").toString(), "-o", out.toString()));
        for (List<String> c : cases) {
            List<String> args = new ArrayList<>(List.of("process"));
            args.addAll(c);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), c + "\n" + run);
            assertEquals(1, run.err().lines().count(), c + ": one sentence\n" + run);
            assertFalse(run.err().contains("Exception"), run.toString());
            assertFalse(Files.exists(out), c + ": the output folder was created");
        }
        assertEquals("x", Files.readString(aFile));
        CliRun none = CliRun.of("process", GLASS_SHAPER.toString(), empty.toString(), "-o", out.toString());
        assertEquals(empty + ": the folder holds no sound files (WAV, AIFF, AU, FLAC or MP3)", none.err().strip(), none::toString);
    }

    /** conch.jar must not carry Flink: the Flink runners live in the cluster module, loaded only for --runner. */
    @Test
    void flinkIsNotOnTheCliClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment"));
        assertEquals(null, ClusterRunners.onClassPath("flink-local"));
    }

    @Test
    void twoInputsWithTheSameNameAreRefused() throws Exception {
        tone(dir.resolve("one/a.wav"), 2, 0.3, 200, 1);
        tone(dir.resolve("two/a.wav"), 2, 0.3, 200, 2);
        CliRun run = CliRun.of("process", GLASS_SHAPER.toString(), dir.resolve("one").toString(), dir.resolve("two").toString(),
                "-o", dir.resolve("out").toString());
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("would both be written to a.wav"), run.err());
        assertNotEquals(true, Files.exists(dir.resolve("out")));
    }
}
