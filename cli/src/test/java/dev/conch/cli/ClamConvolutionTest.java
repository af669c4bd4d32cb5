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
