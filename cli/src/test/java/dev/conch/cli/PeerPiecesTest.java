package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer benchmark pieces (networks/bench) are the pieces ../shared/peers defines, or the comparison means
 * nothing: P1 sample by sample against the definition written out here independently (naive saw, Math.tanh, the
 * RBJ cookbook low-pass as a direct form I biquad, x 0.5); P2 and P3 render from a file given with --set to the
 * right length, not silent.
 */
class PeerPiecesTest {
    private static final Path BENCH = Path.of(System.getProperty("conch.networks", "../networks")).resolve("bench");
    private static final double SR = 48000;

    @TempDir
    Path dir;

    @Test
    void p1IsTheDroneOfTheDefinition() throws Exception {
        Path wav = dir.resolve("p1.wav");
        CliRun r = CliRun.of("render", BENCH.resolve("p1-drone.xml").toString(), "-o", wav.toString(), "--bits", "32f",
                "--seconds", "3", "--block", "333");
        assertEquals(0, r.exit(), r::toString);
        float[] y = AudioFileLoader.load(wav).channels()[0];
        assertEquals(3 * 48000, y.length);

        double w0 = 2 * Math.PI * 800 / SR, alpha = Math.sin(w0) / (2 * 0.7071), a0 = 1 + alpha;
        double b0 = (1 - Math.cos(w0)) / 2 / a0, b1 = (1 - Math.cos(w0)) / a0, b2 = b0;
        double a1 = -2 * Math.cos(w0) / a0, a2 = (1 - alpha) / a0;
        double phase = 0, x1 = 0, x2 = 0, y1 = 0, y2 = 0, worst = 0, sumSquares = 0;
        for (int i = 0; i < y.length; i++) {
            double x = Math.tanh(3 * (2 * phase - 1));
            double out = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = out;
            phase += 55 / SR;
            if (phase >= 1) phase -= 1;
            worst = Math.max(worst, Math.abs(0.5 * out - y[i]));
            sumSquares += (double) y[i] * y[i];
        }
        System.out.println("P1 against its definition: largest difference " + worst);
        // float output, a tanh within 1e-6, and a filter in another (equivalent) form
        assertTrue(worst < 2e-6, "largest difference " + worst);
        assertEquals(0.40404, Math.sqrt(sumSquares / y.length), 2e-4, "the peers' RMS");
    }

    @Test
    void p2AndP3RenderFromTheFileTheyAreGiven() throws Exception {
        // two seconds of a 440 Hz sine plus a seeded noise, as the peers' input is a sine plus noise
        int n = (int) (2 * SR);
        float[][] in = new float[1][n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) in[0][i] = (float) (0.25 * Math.sin(2 * Math.PI * 440 * i / SR) + 0.1 * rnd.nextGaussian());
        Path input = dir.resolve("input.wav");
        try (WavWriter w = WavWriter.open(input, 1, SR, SampleFormat.FLOAT32)) {
            w.write(in, 0, n);
            w.commit();
        }
        for (String[] piece : new String[][] {{"p2-spectral.xml", "input.file"}, {"p3-grains.xml", "grains.file"}}) {
            Path wav = dir.resolve(piece[0] + ".wav");
            CliRun r = CliRun.of("render", BENCH.resolve(piece[0]).toString(), "-o", wav.toString(), "--bits", "32f",
                    "--seconds", "2", "--set", piece[1] + "=" + input);
            assertEquals(0, r.exit(), r::toString);
            AudioData d = AudioFileLoader.load(wav);
            float[] y = d.channels()[0];
            assertEquals(n, y.length, piece[0]);
            double sum = 0;
            for (float v : y) sum += (double) v * v;
            assertTrue(Math.sqrt(sum / n) > 0.05, piece[0] + " is nearly silent: RMS " + Math.sqrt(sum / n));
        }
    }
}
