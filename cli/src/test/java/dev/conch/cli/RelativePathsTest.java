package dev.conch.cli;

import dev.conch.clam.ClamImporter;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's view of file paths: {@code conch} run in a folder of its own (a child process, since a JVM cannot change
 * its current folder) on networks kept elsewhere. A path written in a network starts from the network file's folder,
 * one typed on the command line from the current folder. Every sound is made here from a formula and read back from
 * what Conch wrote.
 */
class RelativePathsTest {
    static final int RATE = 48000;
    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    /** {@code conch ARGS} started in {@code cwd}. */
    private static Run conchIn(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Conch.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        return new Run(p.exitValue(), output);
    }

    /** A sine of {@code amplitude} at {@code hz}, as the formula gives it. */
    private static float[] sine(double hz, double amplitude, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        return x;
    }

    private static Path wav(Path file, float[] samples) throws Exception {
        Files.createDirectories(file.getParent());
        try (WavWriter w = WavWriter.open(file, 1, RATE, SampleFormat.FLOAT32)) {
            w.write(new float[][] {samples}, 0, samples.length);
            w.commit();
        }
        return file;
    }

    private static Path xml(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static float[] read(Path file) throws Exception {
        AudioData d = AudioFileLoader.load(file);
        assertEquals(1, d.channelCount(), file::toString);
        return d.channels()[0];
    }

    /** {@code got} is {@code want} delayed by {@code delay} frames, over the first {@code frames}. */
    private static void assertDelayed(float[] want, int delay, float[] got, int frames, double tolerance) {
        assertTrue(got.length >= frames, "only " + got.length + " frames");
        for (int i = 0; i < frames; i++) {
            double expected = i < delay ? 0 : want[i - delay];
            assertEquals(expected, got[i], tolerance, "frame " + i);
        }
    }

    private static String reader(String id, String file) {
        return "  <node id=\"" + id + "\" type=\"AudioFileReader\">\n    <param name=\"file\">" + file + "</param>\n  </node>\n";
    }

    private static String writer(String id, String file) {
        return "  <node id=\"" + id + "\" type=\"AudioFileWriter\">\n    <param name=\"file\">" + file + "</param>\n"
                + "    <param name=\"channels\">1</param>\n    <param name=\"format\">32f</param>\n  </node>\n";
    }

    @Test
    void aNetworksReaderImpulseResponseAndWriterAreFoundFromItsFolderWhereverItRuns() throws Exception {
        Path nets = dir.resolve("project/nets");
        float[] tone = sine(440, 0.5, RATE / 2);
        wav(nets.resolve("sounds/tone.wav"), tone);
        float[] impulse = new float[16];
        impulse[0] = 0.5f;
        wav(nets.resolve("ir/impulse.wav"), impulse);
        Files.createDirectories(nets.resolve("takes"));
        xml(nets.resolve("wet.xml"), "<network name=\"wet\" version=\"4\" sampleRate=\"48000\" duration=\"0.5\">\n"
                + reader("in", "sounds/tone.wav")
                + "  <node id=\"room\" type=\"Convolver\">\n    <param name=\"file\">ir/impulse.wav</param>\n"
                + "    <param name=\"partition\">64</param>\n  </node>\n"
                + writer("rec", "takes/wet.wav")
                + "  <connect from=\"in.out1\" to=\"room.in\"/>\n  <connect from=\"room.out\" to=\"rec.in1\"/>\n</network>\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Run r = conchIn(elsewhere, "render", "../project/nets/wet.xml", "-q");
        assertEquals(0, r.exit(), r.output());
        float[] half = new float[tone.length];
        for (int i = 0; i < tone.length; i++) half[i] = tone[i] * 0.5f;
        // the convolution with a 0.5 impulse, one 64-sample partition late
        assertDelayed(half, 64, read(nets.resolve("takes/wet.wav")), tone.length - 64, 1e-5);
        assertFalse(Files.exists(elsewhere.resolve("takes")), "nothing is written where the command ran");

        // the shipped reverb finds its impulse response from any folder too (it used to climb the folders above)
        Path reverb = Path.of(System.getProperty("conch.networks", "../networks"), "convolution-reverb.xml").toAbsolutePath();
        Run shipped = conchIn(elsewhere, "validate", reverb.toString());
        assertEquals(0, shipped.exit(), shipped.output());
    }

    @Test
    void aSubNetworkInAnotherFolderReadsItsOwnRelativeFile() throws Exception {
        Path project = dir.resolve("project");
        float[] grain = sine(330, 0.4, RATE / 4);
        wav(project.resolve("voices/grain.wav"), grain);
        xml(project.resolve("voices/voice.xml"), "<network name=\"voice\" version=\"4\">\n" + reader("play", "grain.wav")
                + "  <node id=\"out\" type=\"Outlet\"/>\n  <connect from=\"play.out1\" to=\"out.in\"/>\n</network>\n");
        xml(project.resolve("main.xml"), "<network name=\"main\" version=\"4\" duration=\"0.25\">\n"
                + "  <node id=\"v\" type=\"net:voices/voice.xml\"/>\n" + writer("rec", "mix.wav")
                + "  <connect from=\"v.out\" to=\"rec.in1\"/>\n</network>\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Run r = conchIn(elsewhere, "render", project.resolve("main.xml").toString(), "-q");
        assertEquals(0, r.exit(), r.output());
        assertDelayed(grain, 0, read(project.resolve("mix.wav")), grain.length, 0);
    }

    @Test
    void aPathTypedWithSetStartsFromTheCurrentFolderAndOneInTheFileFromItsFolder() throws Exception {
        Path project = dir.resolve("project");
        float[] a = sine(440, 0.5, RATE / 5), b = sine(660, 0.25, RATE / 5);
        wav(project.resolve("a.wav"), a);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        wav(elsewhere.resolve("b.wav"), b);
        xml(project.resolve("n.xml"), "<network name=\"n\" version=\"4\" duration=\"0.2\">\n" + reader("in", "a.wav")
                + writer("rec", "out.wav") + "  <connect from=\"in.out1\" to=\"rec.in1\"/>\n</network>\n");

        Run own = conchIn(elsewhere, "render", "../project/n.xml", "-q");
        assertEquals(0, own.exit(), own.output());
        assertDelayed(a, 0, read(project.resolve("out.wav")), a.length, 0);

        Run typed = conchIn(elsewhere, "render", "../project/n.xml", "--set", "in.file=b.wav", "--set", "rec.file=typed.wav", "-q");
        assertEquals(0, typed.exit(), typed.output());
        assertDelayed(b, 0, read(elsewhere.resolve("typed.wav")), b.length, 0);
        assertFalse(Files.exists(project.resolve("typed.wav")));
    }

    @Test
    void aVersion2FileStillRendersAndSaysHowToUpdateWhereItReliedOnTheCurrentFolder() throws Exception {
        Path project = dir.resolve("project");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        float[] cwdTone = sine(440, 0.5, RATE / 5), besideTone = sine(550, 0.3, RATE / 5);
        wav(elsewhere.resolve("sounds/a.wav"), cwdTone); // where a version-2 file's relative path used to start
        wav(project.resolve("beside/c.wav"), besideTone);
        String output = "  <node id=\"out\" type=\"AudioOutput\">\n    <param name=\"channels\">1</param>\n  </node>\n";
        xml(project.resolve("old.xml"), "<network name=\"old\" version=\"2\" duration=\"0.2\">\n" + reader("in", "sounds/a.wav")
                + output + "  <connect from=\"in.out1\" to=\"out.in1\"/>\n</network>\n");
        xml(project.resolve("old-beside.xml"), "<network name=\"old\" version=\"2\" duration=\"0.2\">\n"
                + reader("in", "beside/c.wav") + output + "  <connect from=\"in.out1\" to=\"out.in1\"/>\n</network>\n");

        Run r = conchIn(elsewhere, "render", "../project/old.xml", "-o", "old.wav", "--bits", "32f", "-q");
        assertEquals(0, r.exit(), r.output());
        assertDelayed(cwdTone, 0, read(elsewhere.resolve("old.wav")), cwdTone.length, 0);
        assertTrue(r.output().contains("warning: node 'in', 'file': 'sounds/a.wav' reads " + elsewhere.resolve("sounds/a.wav")
                + " from the current folder") && r.output().contains("write it as '../elsewhere/sounds/a.wav' and set "
                + "version=\"4\""), r.output());

        Run beside = conchIn(elsewhere, "render", "../project/old-beside.xml", "-o", "beside.wav", "--bits", "32f", "-q");
        assertEquals(0, beside.exit(), beside.output());
        assertDelayed(besideTone, 0, read(elsewhere.resolve("beside.wav")), besideTone.length, 0);
        assertFalse(beside.output().contains("warning"), beside.output());
    }

    @Test
    void validateNamesAMissingFileWithThePathItCameToAndWhereItStarted() throws Exception {
        Path n = xml(dir.resolve("nets/n.xml"), "<network name=\"n\" version=\"4\" duration=\"1\">\n" + reader("in", "ir/hall.wav")
                + "</network>\n");
        CliRun r = CliRun.of("validate", n.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(n + ":3:5: node 'in', 'file': there is no file " + dir.resolve("nets/ir/hall.wav")
                + " ('ir/hall.wav' starts from the folder of n.xml (" + dir.resolve("nets") + ")); write the path from "
                + "there, or an absolute one"), r::toString);
    }

    /** CLAM's captureExample, read where it is kept (never copied): its SndfileWriter's output.wav is beside it. */
    @Test
    void captureExampleWritesBesideItselfOrWhereTheUserSays() throws Exception {
        Path clam = ClamCorpusTest.root().resolve("CLAM/plugins/sndfile/captureExample.clamnetwork");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(clam), "CLAM's networks are not beside the project");
        ProcessorRegistry registry = ProcessorRegistry.load();
        CompiledNetwork net = NetworkCompiler.compile(ClamImporter.read(clam, clam.toString(), registry).spec(), registry, 512);
        List<Path> written = net.processors().values().stream().map(Processor::writesFile).filter(p -> p != null).toList();
        assertEquals(List.of(clam.getParent().resolve("output.wav")), written, "beside the CLAM file, wherever Conch runs");

        boolean there = Files.exists(clam.resolveSibling("output.wav"));
        Run r = conchIn(dir, "render", clam.toString(), "--seconds", "0.2", "--set", "SndfileWriter.file=sink.wav",
                "-o", "out.wav", "-q");
        assertEquals(0, r.exit(), r.output());
        AudioData sink = AudioFileLoader.load(dir.resolve("sink.wav"));
        assertEquals(2, sink.channelCount());
        assertEquals(44100, sink.sampleRate());
        // its second channel is the 440 Hz SimpleOscillator: 2 zero crossings a cycle
        float[] sine = sink.channels()[1];
        int crossings = 0;
        for (int i = 1; i < 8820 && i < sine.length; i++) if ((sine[i - 1] < 0) != (sine[i] < 0)) crossings++;
        assertEquals(176, crossings, 2);
        assertTrue(Files.exists(dir.resolve("out.wav")), "-o starts from the current folder");
        assertEquals(there, Files.exists(clam.resolveSibling("output.wav")), "nothing written beside the CLAM file");
    }
}
