package dev.conch.processors.filter;

import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Convolver against direct convolution summed in the test, y[t] = sum_m h[m] x[t - P - m]: several partition sizes,
 * impulse responses shorter than, equal to and many times a partition (not a multiple of it), cut into random
 * blocks; the declared latency is the partition.
 */
class ConvolverTest {
    private static final int SR = 48000;

    @TempDir
    Path dir;

    private Path wav(String name, float[]... channels) throws Exception {
        Path f = dir.resolve(name);
        try (WavWriter w = WavWriter.open(f, channels.length, SR, SampleFormat.FLOAT32)) {
            w.write(channels, 0, channels[0].length);
            w.commit();
        }
        return f;
    }

    /** A decaying noise burst, as a room's response looks. */
    private static float[] response(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] h = new float[length];
        for (int m = 0; m < length; m++) h[m] = (float) ((r.nextDouble() * 2 - 1) * Math.exp(-3.0 * m / length));
        return h;
    }

    private static float[] run(ProcessorHarness h, float[] x, long seed) {
        float[] y = new float[x.length];
        SplittableRandom r = new SplittableRandom(seed);
        for (int done = 0; done < x.length; ) {
            int n = Math.min(x.length - done, 1 + r.nextInt(h.maxFirings()));
            System.arraycopy(x, done, h.in("in"), 0, n);
            h.process(n);
            System.arraycopy(h.out("out"), 0, y, done, n);
            done += n;
        }
        return y;
    }

    @Test
    void matchesDirectConvolutionOnePartitionLate() throws Exception {
        for (int[] c : new int[][] {{64, 40}, {64, 64}, {128, 1000}, {512, 3001}, {256, 1}}) {
            int p = c[0], length = c[1];
            float[] h = response(length, length);
            Path ir = wav("ir-" + p + "-" + length + ".wav", h);
            ProcessorHarness conv = ProcessorHarness.create(Convolver.class,
                    Map.of("file", ir.toString(), "partition", Integer.toString(p)), SR, 700);
            assertEquals(p, conv.processor().latency(), "latency is one partition");
            float[] x = Signals.noise(4 * length + 3 * p + 517, 9, 0.8);
            float[] y = run(conv, x, p + length);
            double worst = 0, peak = 0;
            for (int t = 0; t < x.length; t++) {
                double sum = 0;
                for (int m = 0; m < length && t - p - m >= 0; m++) sum += h[m] * (double) x[t - p - m];
                worst = Math.max(worst, Math.abs(y[t] - sum));
                peak = Math.max(peak, Math.abs(sum));
            }
            assertTrue(worst <= 2e-5 * Math.max(1, peak), "partition " + p + ", IR " + length + ": max error " + worst + " at peak " + peak);
        }
    }

    @Test
    void anImpulseComesBackAsTheChosenChannelOfTheFile() throws Exception {
        float[] left = response(300, 1), right = response(300, 2);
        Path ir = wav("stereo.wav", left, right);
        ProcessorHarness conv = ProcessorHarness.create(Convolver.class,
                Map.of("file", ir.toString(), "partition", "128", "channel", "2", "gain", "-6"), SR, 512);
        float[] x = new float[1024];
        x[5] = 1;
        float[] y = run(conv, x, 3);
        double g = Math.pow(10, -6 / 20.0);
        for (int t = 0; t < x.length; t++) {
            int m = t - 128 - 5;
            assertEquals(m >= 0 && m < 300 ? g * right[m] : 0, y[t], 1e-6, "sample " + t);
        }
    }

    @Test
    void aChannelPastTheFileIsOneSentence() throws Exception {
        Path ir = wav("mono.wav", response(100, 3));
        var created = ProcessorRegistry.of(Convolver.class).create("Convolver", Map.of("file", ir.toString(), "channel", "2"));
        String msg = created.problems().get(0).message();
        assertTrue(msg.contains("channel 2 is past the 1 channel of mono.wav"), msg);
    }
}
