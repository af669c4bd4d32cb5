package dev.conch.cli;

import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLAM's lowlatencyconvolution networks (AudioStream2Buffer, MyFFT, LowLatencyConvolution with an
 * ImpulseResponseLoader, MyIFFT, AudioBuffer2Stream, then a mixer at its slider's 0.5) rendered through the CLI with an
 * impulse response given for the one CLAM's repository lacks: the output is the direct convolution of the input with
 * it, summed in the test, times 0.5, one partition late.
 */
class ClamConvolutionTest {
    @TempDir
    Path dir;

    private Path wav(String name, float[] x) throws Exception {
        Path p = dir.resolve(name);
        try (WavWriter w = WavWriter.open(p, 1, 44100, SampleFormat.FLOAT32)) {
            w.write(new float[][] {x}, 0, x.length);
            w.commit();
        }
        return p;
    }

    /** Direct convolution of {@code x} with {@code h}, in double. */
    private static double[] convolve(float[] x, float[] h) {
        double[] y = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double sum = 0;
            for (int k = 0; k < h.length && k <= t; k++) sum += (double) h[k] * x[t - k];
            y[t] = sum;
        }
        return y;
    }

    /**
     * Regression: bformat2binaural (B-format W, X, Y, Z each convolved, their spectra summed and one negated before
     * two MyIFFTs) was refused, its convolutions' spectra going on to other spectral processings. The sums and the
     * negation are linear, so the import sums and negates the convolutions' audio instead: L is the four
     * convolutions summed, R the same with Y's negated, at the amplifiers' gains (W 1.41421, the slider 1.12 on X, Y
     * and Z), one partition late.
     */
    @Test
    void bformat2binauralIsTheConvolutionsSummedAndNegatedOnePartitionLate() throws Exception {
        Path net = ClamCorpusTest.root().resolve("CLAM/plugins/spacialization/example-data/bformat2binaural.clamnetwork");
        ExternalTools.require(Files.exists(net), "CLAM's networks are not at " + ClamCorpusTest.root());
        int partition = 512, n = 6000;
        SplittableRandom r = new SplittableRandom(11);
        float[][] in = new float[4][n];
        for (float[] c : in) for (int t = 0; t < n; t++) c[t] = (float) (r.nextDouble() - 0.5);
        Path input = dir.resolve("wxyz.wav");
        try (WavWriter w = WavWriter.open(input, 4, 44100, SampleFormat.FLOAT32)) {
            w.write(in, 0, n);
            w.commit();
        }
        String[] names = {"W", "X", "Y", "Z"};
        double[] gains = {1.41421, 1.12, 1.12, 1.12};
        double[][] wet = new double[4][];
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("render", net.toString(), "-i",
                input.toString(), "-o", dir.resolve("lr.wav").toString(), "--bits", "32f", "--block", "97"));
        for (int c = 0; c < 4; c++) {
            float[] h = new float[700 + 200 * c];
            for (int k = 0; k < h.length; k++) h[k] = (float) ((r.nextDouble() - 0.5) * Math.exp(-k / 250.0));
            args.addAll(java.util.List.of("--set", "Convolution_" + names[c] + ".file=" + wav("ir" + names[c] + ".wav", h)));
            float[] scaled = new float[n];
            for (int t = 0; t < n; t++) scaled[t] = (float) (in[c][t] * (float) gains[c]);
            wet[c] = convolve(scaled, h);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        float[][] y = AudioFileLoader.load(dir.resolve("lr.wav")).channels();
        assertEquals(2, y.length, "L and R");
        double worst = 0, peak = 0;
        for (int t = 0; t + partition < Math.min(n, y[0].length); t++) {
            double wxz = wet[0][t] + wet[1][t] + wet[3][t];
            double[] want = {wxz + wet[2][t], wxz - wet[2][t]};
            for (int ch = 0; ch < 2; ch++) {
                worst = Math.max(worst, Math.abs(y[ch][t + partition] - want[ch]));
                peak = Math.max(peak, Math.abs(want[ch]));
            }
        }
        for (int t = 0; t < partition; t++) worst = Math.max(worst, Math.max(Math.abs(y[0][t]), Math.abs(y[1][t])));
        assertTrue(peak > 0.5, "not silence: " + peak);
        assertTrue(worst < 1e-5 * peak * 10, "worst difference " + worst + " against a peak of " + peak);
    }

    @Test
    void theChainIsTheDirectConvolutionOnePartitionLate() throws Exception {
        for (String[] c : new String[][] {{"lowlatencyconvolution", "512"}, {"lowlatencyconvolution-withdoubleframesize", "1024"}}) {
            Path net = ClamCorpusTest.root().resolve("CLAM/plugins/spacialization/example-data/" + c[0] + ".clamnetwork");
            ExternalTools.require(Files.exists(net), "CLAM's networks are not at " + ClamCorpusTest.root());
            int partition = Integer.parseInt(c[1]);
            SplittableRandom r = new SplittableRandom(5);
            float[] h = new float[1500]; // longer than a partition: the convolution spans partitions
            for (int k = 0; k < h.length; k++) h[k] = (float) ((r.nextDouble() - 0.5) * Math.exp(-k / 300.0));
            float[] x = new float[8000];
            for (int t = 0; t < x.length; t++) x[t] = (float) (r.nextDouble() - 0.5);
            Path out = dir.resolve("out.wav");
            CliRun run = CliRun.of("render", net.toString(), "-i", wav("in.wav", x).toString(), "-o", out.toString(),
                    "--bits", "32f", "--set", "LowLatencyConvolution_0.file=" + wav("ir.wav", h), "--block", "97");
            assertEquals(0, run.exit(), run::toString);
            float[] y = AudioFileLoader.load(out).channels()[0];
            assertTrue(y.length >= x.length, "at least as long as the input: " + y.length);
            double worst = 0, peak = 0;
            for (int t = partition; t < y.length; t++) {
                double want = 0;
                for (int k = Math.max(0, t - partition - x.length + 1); k < h.length && k <= t - partition; k++) {
                    want += (double) h[k] * x[t - partition - k];
                }
                want *= 0.5; // the mixer's gain slider starts at 0.5
                worst = Math.max(worst, Math.abs(y[t] - want));
                peak = Math.max(peak, Math.abs(want));
            }
            for (int t = 0; t < partition; t++) worst = Math.max(worst, Math.abs(y[t]));
            assertTrue(peak > 0.5, "not silence: " + peak);
            assertTrue(worst < 1e-5 * peak * 10, c[0] + ": worst difference " + worst + " against a peak of " + peak);
        }
    }
}
