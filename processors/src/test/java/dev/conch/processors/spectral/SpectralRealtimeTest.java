package dev.conch.processors.spectral;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.Signals;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every spectral processor in one network, with a hop (48) that divides none of the odd block sizes: bit-identical
 * output at any block size, and no allocation on the audio thread; plus the largest FFT allocating nothing.
 */
class SpectralRealtimeTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    private static final String NETWORK = """
            <network name="spectral-all" version="1" sampleRate="48000">
              <node id="noise" type="Noise"><param name="amplitude">0.3</param></node>
              <node id="bell" type="Bell"><param name="period">0.3</param></node>
              <node id="a" type="STFT"><param name="fftSize">256</param><param name="windowLength">240</param>
                <param name="overlap">5</param></node>
              <node id="b" type="STFT"><param name="fftSize">256</param><param name="windowLength">240</param>
                <param name="overlap">5</param></node>
              <node id="delay" type="SpectralDelay"><param name="fftSize">256</param><param name="hop">48</param>
                <param name="maxDelay">0.5</param><param name="delay">random(0.01, 0.4, 8, 3)</param>
                <param name="feedback">0:0.7 5000:0.9</param><param name="eq">0:0 8000:-6</param><param name="dry">0.5</param></node>
              <node id="sweep" type="Line"><param name="seconds">0.5</param></node>
              <node id="morph" type="SpectralMorph"><param name="fftSize">256</param></node>
              <node id="gain" type="SpectralGain"><param name="fftSize">256</param><param name="gain">-3</param></node>
              <node id="hold" type="Line"><param name="delay">0.7</param><param name="seconds">0</param></node>
              <node id="freeze" type="SpectralFreeze"><param name="fftSize">256</param></node>
              <node id="synth" type="ISTFT"><param name="fftSize">256</param><param name="windowLength">240</param>
                <param name="overlap">5</param></node>
              <node id="out" type="AudioOutput"><param name="channels">1</param></node>
              <connect from="noise.out" to="a.in"/>
              <connect from="bell.out" to="b.in"/>
              <connect from="a.out" to="delay.in"/>
              <connect from="delay.out" to="morph.a"/>
              <connect from="b.out" to="morph.b"/>
              <connect from="morph.out" to="gain.in"/>
              <connect from="gain.out" to="freeze.in"/>
              <connect from="hold.out" to="freeze.freeze"/>
              <connect from="freeze.out" to="synth.in"/>
              <connect from="synth.out" to="out.in1"/>
              <control from="sweep.out" to="morph.morph"/>
            </network>
            """;

    @TempDir
    Path dir;

    private NetworkSpec spec() throws Exception {
        Path f = dir.resolve("spectral-all.xml");
        Files.writeString(f, NETWORK);
        return NetworkXml.read(f);
    }

    @Test
    void bitIdenticalAtAnyBlockSize() throws Exception {
        NetworkSpec spec = spec();
        int frames = 48000;
        float[] reference = Render.channel0(spec, REGISTRY, 64, frames);
        assertTrue(Signals.rms(reference, 40000, 8000) > 1e-3, "the frozen end should still sound");
        for (int block : new int[]{1, 7, 47, 48, 997, 8192}) {
            assertArrayEquals(reference, Render.channel0(spec, REGISTRY, block, frames), "block " + block);
        }
        assertArrayEquals(reference, Render.render(spec, REGISTRY, 512, frames, new SplittableRandom(9))[0], "random blocks");
    }

    @Test
    void tenThousandCallbacksAllocateNothing() throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(spec(), REGISTRY, 256));
        engine.open();
        try {
            float[][] out = new float[1][256];
            AllocationMeter.warmUp(() -> engine.process(out, 256), 5000, 100_000);
            long bytes = AllocationMeter.fewestBytesOver(3, () -> {
                for (int i = 0; i < 10_000; i++) engine.process(out, 256);
            });
            assertEquals(0, bytes, "bytes allocated by 10,000 callbacks");
            assertEquals(null, engine.failure());
        } finally {
            engine.close();
        }
    }

    @Test
    void largestFftAllocatesNothing() {
        Map<String, String> p = Map.of("fftSize", "16384", "overlap", "4");
        ProcessorHarness stft = ProcessorHarness.create(STFT.class, p, 48000, 1);
        ProcessorHarness istft = ProcessorHarness.create(ISTFT.class, Map.of(), 48000, 1, 1, Frames.format(p));
        Runnable frame = () -> {
            stft.process(1);
            System.arraycopy(stft.out("out"), 0, istft.in("in"), 0, 16386);
            istft.process(1);
        };
        AllocationMeter.warmUp(frame, 1500, 20000); // JIT recompilations allocate a few bytes early on
        assertEquals(0, AllocationMeter.fewestBytesOver(3, () -> {
            for (int i = 0; i < 200; i++) frame.run();
        }), "bytes allocated by 200 frames of the largest FFT");
    }
}
