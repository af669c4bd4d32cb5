package dev.conch.processors.spectral;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A monitor's tap on a spectrum port (the editor's spectrum monitor): whole frames only, each the STFT's own, and
 * tapping allocates nothing on the audio thread, whether the ring has room or is full and drops.
 */
class SpectrumTapTest {
    static final Path BELL = Path.of(System.getProperty("conch.networks", "../networks"), "bell-morph.xml");

    @Test
    void aSpectrumTapGivesWholeFramesAndAllocatesNothing() throws Exception {
        Engine e = new Engine(NetworkCompiler.compile(NetworkXml.read(BELL), ProcessorRegistry.load(), 256));
        var format = e.network().processors().get("stftA").output("out").spec().format();
        int width = format.width();
        SpscAudioRing read = e.tap("stftA", "out", width * 16);
        e.tap("stftB", "out", width * 2); // never read: full after a few callbacks, then it drops
        float[][] out = new float[e.outputChannels()][256];
        float[][] seen = new float[1][width * 16];
        long floats = 0;
        for (int i = 0; i < 200; i++) {
            e.process(out, 256);
            int n = read.poll(seen, seen[0].length);
            assertEquals(0, n % width, "whole frames of " + width + " floats, callback " + i);
            floats += n;
        }
        long expected = 200L * 256 / format.hop();
        assertTrue(Math.abs(floats / width - expected) <= 1, "one frame a hop (" + expected + "): " + floats / width);
        AllocationMeter.warmUp(() -> {
            e.process(out, 256);
            read.poll(seen, seen[0].length);
        }, 3000, 100_000);
        long bytes = AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 10_000; i++) {
                e.process(out, 256);
                if ((i & 3) == 0) read.poll(seen, seen[0].length); // read sometimes: room, then full, then room
            }
        });
        assertEquals(0, bytes, "bytes allocated by 10,000 callbacks with two spectrum taps");
        e.close();
    }
}
