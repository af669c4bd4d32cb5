package dev.conch.processors.io;

import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.engine.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AudioFileReader plays MP3 (decoded by JLayer in prepare): two files sox made from known sines (see MP3-README.txt)
 * come back as those sines, fitted here, and the decode matches sox's own (libmad) sample for sample once aligned.
 */
class AudioFileReaderMp3Test {
    private static final double SR = 44100;

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AudioFileReaderMp3Test.class.getResource(name).toURI());
    }

    /** Every channel the reader plays from {@code file}, {@code frames} long. */
    private static float[][] play(Path file, int frames) {
        ProcessorHarness h = ProcessorHarness.create(AudioFileReader.class, Map.of("file", file.toString()), SR, 1024);
        int channels = h.processor().outputs().size();
        float[][] y = new float[channels][frames];
        for (int done = 0; done < frames; done += 1024) {
            int n = Math.min(1024, frames - done);
            h.process(n);
            for (int c = 0; c < channels; c++) System.arraycopy(h.out("out" + (c + 1)), 0, y[c], done, n);
        }
        return y;
    }

    /** Least-squares fit of a sine of {@code hz} over x[from, to): {amplitude, rms of what it leaves}. */
    private static double[] fit(float[] x, double hz, int from, int to) {
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int t = from; t < to; t++) {
            double s = Math.sin(2 * Math.PI * hz * t / SR), c = Math.cos(2 * Math.PI * hz * t / SR);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[t] * s;
            xc += x[t] * c;
        }
        double det = ss * cc - sc * sc, a = (xs * cc - xc * sc) / det, b = (xc * ss - xs * sc) / det, res = 0;
        for (int t = from; t < to; t++) {
            double r = x[t] - a * Math.sin(2 * Math.PI * hz * t / SR) - b * Math.cos(2 * Math.PI * hz * t / SR);
            res += r * r;
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(res / (to - from))};
    }

    @Test
    void monoAndStereoMp3sPlayTheSinesTheyWereMadeFrom() throws Exception {
        float[][] mono = play(resource("sine440.mp3"), 44100);
        assertEquals(1, mono.length);
        double[] m = fit(mono[0], 440, 4096, 40000);
        // LAME at 64 kbit/s gives back about 0.5 dB less (sox's own decode peaks at 0.479): within 0.7 dB of 0.5
        assertEquals(0.5, m[0], 0.04, "amplitude");
        assertTrue(m[1] < 0.005, "what the 440 Hz sine leaves: rms " + m[1]);

        float[][] stereo = play(resource("sines440-660.mp3"), 22050);
        assertEquals(2, stereo.length);
        double[] left = fit(stereo[0], 440, 4096, 18000), right = fit(stereo[1], 660, 4096, 18000);
        assertEquals(0.5, left[0], 0.04, "left amplitude");
        assertEquals(0.5, right[0], 0.04, "right amplitude");
        assertTrue(left[1] < 0.005 && right[1] < 0.005, "residuals " + left[1] + ", " + right[1]);
        assertTrue(fit(stereo[0], 660, 4096, 18000)[0] < 0.01, "the channels are not swapped or mixed");
    }

    @Test
    void theDecodeMatchesSoxs() throws Exception {
        ExternalTools.requireOnPath("sox");
        ExternalTools.require(soxReadsMp3(), "sox cannot read MP3 (apt-get install libsox-fmt-mp3)");
        Path mp3 = resource("sine440.mp3"), wav = dir.resolve("sox.wav");
        Process p = new ProcessBuilder("sox", mp3.toString(), "-e", "floating-point", "-b", "32", wav.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        float[] sox = AudioFileLoader.load(wav).channels()[0];
        float[] conch = play(mp3, sox.length)[0];
        // decoders may start a frame's delay apart: take the lag that fits best, then compare sample by sample
        int best = 0;
        double bestErr = Double.MAX_VALUE;
        for (int lag = -1200; lag <= 1200; lag++) {
            double err = 0;
            for (int t = 5000; t < 30000; t++) err += Math.abs(conch[t] - sox[t + lag]);
            if (err < bestErr) {
                bestErr = err;
                best = lag;
            }
        }
        // JLayer's synthesis is scaled 0.2 % below libmad's (-0.02 dB): fit that one gain, then the shapes agree to
        // the 16-bit rounding JLayer ends with
        double ab = 0, bb = 0;
        for (int t = 2000; t < sox.length - 2000; t++) {
            ab += (double) conch[t] * sox[t + best];
            bb += (double) sox[t + best] * sox[t + best];
        }
        double gain = ab / bb, square = 0;
        int n = 0;
        for (int t = 2000; t < sox.length - 2000; t++, n++) {
            double d = conch[t] - gain * sox[t + best];
            square += d * d;
        }
        double rms = Math.sqrt(square / n);
        System.out.println("MP3 against sox: lag " + best + ", gain " + gain + ", rms difference " + rms);
        assertEquals(0, best, "both decoders start at the first frame");
        assertEquals(1, gain, 0.005, "level");
        assertTrue(rms < 5e-5, "rms difference " + rms + " (16-bit rounding is 1.8e-5)");
    }

    private static boolean soxReadsMp3() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sox", "-h").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return help.lines().anyMatch(l -> l.startsWith("AUDIO FILE FORMATS") && l.contains(" mp3"));
    }
}
