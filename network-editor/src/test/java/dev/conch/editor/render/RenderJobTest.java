package dev.conch.editor.render;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Renders off the calling thread; the file is read back by Java Sound's own reader; cancel leaves the target alone. */
class RenderJobTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    final ProcessorRegistry registry = ProcessorRegistry.load();

    @TempDir
    Path dir;

    @Test
    void rendersTheRequestedLengthAndBitDepth() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        Path wav = dir.resolve("glass.wav");
        RenderJob job = new RenderJob(spec, registry, wav, 1.5, SampleFormat.PCM16);
        AtomicReference<RenderJob.Outcome> outcome = new AtomicReference<>();
        job.start(outcome::set);
        job.join();
        assertNotNull(outcome.get().result(), String.valueOf(outcome.get()));
        assertEquals(72000, job.framesDone());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(72000, in.getFrameLength());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(2, f.getChannels());
            assertEquals(48000, f.getSampleRate());
        }
    }

    @Test
    void cancelLeavesTheTargetAsItWas() throws Exception {
        NetworkSpec spec = NetworkXml.read(GLASS);
        Path wav = dir.resolve("keep.wav");
        byte[] before = "an older render".getBytes();
        Files.write(wav, before);
        RenderJob job = new RenderJob(spec, registry, wav, 3600, SampleFormat.PCM24);
        AtomicReference<RenderJob.Outcome> outcome = new AtomicReference<>();
        job.start(outcome::set);
        long deadline = System.currentTimeMillis() + 10_000;
        while (job.framesDone() == 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        assertTrue(job.framesDone() > 0, "the render started");
        job.cancel();
        job.join();
        assertTrue(outcome.get().cancelled(), String.valueOf(outcome.get()));
        assertTrue(job.framesDone() < job.totalFrames(), "stopped early: " + job.framesDone());
        assertArrayEquals(before, Files.readAllBytes(wav), "the target is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside it");
        }
    }

    /** A file a node reads (here the convolution's impulse response) is never the render's target: it would be lost. */
    @Test
    void aFileANodeReadsIsNotWrittenOver() throws Exception {
        Path networks = GLASS.getParent();
        Files.createDirectories(dir.resolve("ir"));
        Path ir = Files.copy(networks.resolve("ir/room-ir.wav"), dir.resolve("ir/room-ir.wav"));
        Path reverb = Files.copy(networks.resolve("convolution-reverb.xml"), dir.resolve("convolution-reverb.xml"));
        byte[] before = Files.readAllBytes(ir);
        RenderJob job = new RenderJob(NetworkXml.read(reverb), registry, ir, 0.5, SampleFormat.PCM24);
        AtomicReference<RenderJob.Outcome> outcome = new AtomicReference<>();
        job.start(outcome::set);
        job.join();
        assertNull(outcome.get().result(), String.valueOf(outcome.get()));
        assertEquals("cannot render to " + ir + ": node 'room' reads that file; choose another", outcome.get().problem());
        assertArrayEquals(before, Files.readAllBytes(ir));
    }

    @Test
    void aZeroLengthIsRefusedInASentence() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RenderJob(NetworkXml.read(GLASS), registry, dir.resolve("x.wav"), 0, SampleFormat.PCM16));
        assertTrue(e.getMessage().contains("more than 0 seconds"), e.getMessage());
    }
}
