package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.io.AudioData;
import dev.conch.engine.testing.ExternalTools;
import dev.conch.engine.io.AudioFileInfo;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import dev.conch.engine.testing.Signals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLAM's acceptance networks (FORMAT-NOTES 3) rendered through the CLI from the .clamnetwork files themselves, each
 * against an expectation computed here: CLAM's notch from its transfer function, the input itself, the oscillators'
 * formulas.
 */
class ClamAcceptanceTest {
    @TempDir
    Path dir;

    private static Path clam(String relative) {
        Path p = ClamCorpusTest.root().resolve(relative);
        ExternalTools.require(Files.exists(p), "CLAM's networks are not at " + ClamCorpusTest.root());
        return p;
    }

    private Path noise(String name, double rate, int frames) throws Exception {
        float[][] x = {new float[frames]};
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < frames; i++) x[0][i] = (float) (r.nextDouble() - 0.5);
        Path p = dir.resolve(name);
        try (WavWriter w = WavWriter.open(p, 1, rate, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return p;
    }

    @Test
    void wirePassesItsInputThroughBitExactAtTheInputsOwnRate() throws Exception {
        Path wire = clam("NetworkEditor/example-data/wire.clamnetwork");
        for (double rate : new double[] {44100, 22050}) { // 22050: CLAM runs at the first input's rate, no resampling
            Path in = noise("in.wav", rate, 12345), out = dir.resolve("out.wav");
            CliRun r = CliRun.of("render", wire.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f",
                    "--block", "97");
            assertEquals(0, r.exit(), r::toString);
            AudioData got = AudioFileLoader.load(out);
            assertEquals(rate, got.sampleRate(), r::toString);
            float[] x = AudioFileLoader.load(in).channels()[0];
            float[] y = got.channels()[0];
            assertTrue(y.length >= x.length, "render length " + y.length);
            assertArrayEquals(x, java.util.Arrays.copyOf(y, x.length), "rate " + rate);
        }
    }

    /**
     * CLAM's Notch2ndOrder, from the transfer function documented in its header: zeros on the unit circle at the
     * centre, poles at radius d = exp(-2 pi (bw/2) / fs), gain a = (1 + d^2)/2. Its input is the 200 + 400 Hz sines of
     * the example; the render must remove 200 Hz and pass 400 Hz as that filter does.
     */
    @Test
    void notch2ndOrderExampleMatchesCLAMsNotchComputedHere() throws Exception {
        Path net = clam("CLAM/plugins/Filters/Notch2ndOrder/Notch2ndOrder_example.clamnetwork");
        Path out = dir.resolve("notch.wav");
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "1", "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        AudioData got = AudioFileLoader.load(out);
        double fs = 44100;
        assertEquals(fs, got.sampleRate());
        float[] y = got.channels()[0];

        double f0 = 200, bw = 13, th = 2 * Math.PI * f0 / fs, d = Math.exp(-2 * Math.PI * (bw / 2) / fs);
        double a = (1 + d * d) / 2, b = (1 + d * d) * Math.cos(th);
        int n = (int) fs;
        float[] expected = new float[n];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.sin(2 * Math.PI * 200 * i / fs) + Math.sin(2 * Math.PI * 400 * i / fs);
            double v = a * x - a * 2 * Math.cos(th) * x1 + a * x2 + b * y1 - d * d * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = v;
            expected[i] = (float) v;
        }
        int from = n / 2, len = n / 2; // after the notch has settled (time constant about 1/(pi bw) = 25 ms)
        double want400 = Signals.sineAmplitude(expected, from, len, 400, fs);
        double got400 = Signals.sineAmplitude(y, from, len, 400, fs);
        assertEquals(Signals.db(want400), Signals.db(got400), 0.01, "400 Hz passes as through CLAM's notch");
        assertTrue(Signals.sineAmplitude(y, from, len, 200, fs) < 1e-3, "200 Hz is notched out");
        double worst = 0;
        for (int i = from; i < n; i++) worst = Math.max(worst, Math.abs(y[i] - expected[i]));
        assertTrue(worst < 0.01, "steady state differs from CLAM's notch by " + worst);
    }

    @Test
    void captureExampleWritesItsTwoChannel16BitFile() throws Exception {
        Path net = clam("CLAM/plugins/sndfile/captureExample.clamnetwork");
        Path written = dir.resolve("capture.wav"), out = dir.resolve("sink.wav");
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "1", "-o", out.toString(), "--bits", "32f",
                "--set", "SndfileWriter.file=" + written);
        assertEquals(0, r.exit(), r::toString);
        AudioFileInfo info = AudioFileLoader.probe(written);
        assertEquals(2, info.channels(), info::toString);
        assertTrue(info.format().contains("16"), info::toString);
        float[][] x = AudioFileLoader.load(written).channels();
        double fs = info.sampleRate();
        assertEquals(44100, fs);
        int from = 4410, len = 22050;
        // in2: the SimpleOscillator, 440 Hz (the Pitch slider's default) at the Amplitude slider's default 0.5
        assertEquals(0.5, Signals.sineAmplitude(x[1], from, len, 440, fs), 1e-3);
        // in1: the naive SquareWave, +-0.5 with no band-limiting overshoot; it is also what the AudioSink plays
        int atLevel = 0;
        for (int i = from; i < from + len; i++) if (Math.abs(Math.abs(x[0][i]) - 0.5) < 1e-3) atLevel++;
        assertEquals(len, atLevel, "every square sample at +-0.5");
        assertEquals(440, Signals.zeroCrossingFrequency(x[0], from, len, fs), 1);
        float[] sink = AudioFileLoader.load(out).channels()[0];
        for (int i = from; i < from + len; i++) assertEquals(x[0][i], sink[i], 1.0 / 32768, "sample " + i);
    }

    /**
     * SimpleDistortionNetwork: the input through ZynDistortion's arctangent law, y = atan(w x) / atan(w) with
     * w = 10^(3 d^2) - 1 + 0.001, then the 2-way AudioSwitch's 1/2; Bypass = 1 selects the dry input, also halved.
     */
    @Test
    void simpleDistortionNetworkIsZynsDriveLawThroughAHalvingSwitch() throws Exception {
        Path net = clam("CLAM/plugins/GuitarEffects/SimpleDistortionNetwork.clamnetwork");
        Path in = noise("in.wav", 44100, 20000);
        float[] x = AudioFileLoader.load(in).channels()[0];
        for (String bypass : new String[] {"0", "1"}) {
            Path out = dir.resolve("dist" + bypass + ".wav");
            CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f",
                    "--set", "Drive_amount.value=0.6", "--set", "Bypass.value=" + bypass);
            assertEquals(0, r.exit(), r::toString);
            float[] y = AudioFileLoader.load(out).channels()[0];
            double w = Math.pow(10, 3 * 0.6 * 0.6) - 1 + 0.001;
            for (int i = 0; i < x.length; i++) {
                double dry = x[i], wet = Math.atan(w * x[i]) / Math.atan(w);
                assertEquals((bypass.equals("1") ? dry : wet) / 2, y[i], 1e-6, "bypass " + bypass + ", sample " + i);
            }
        }
    }

    /**
     * spectralNetwork: SpectralAnalysis → ThreeBandFilter → Robotization → OscillatingSpectralNotch → SpectralSynthesis
     * → OverlapAdd. At its sliders' defaults (every gain 0 dB, robotization 0 %) the chain is an identity: the output is
     * the input delayed (by the STFT's window). At robotization 100 % every frame restarts in phase, so noise
     * in comes out periodic at the frame rate: its autocorrelation peaks at one hop (2048 / 8 = 256 samples: the
     * importer raised CLAM's overlap 4 to the 8 Conch's ISTFT needs with this window).
     */
    @Test
    void spectralNetworkIsTransparentAtItsDefaultsAndBuzzesAtTheFrameRateWhenRobotized() throws Exception {
        Path net = clam("NetworkEditor/example-data/spectralNetwork.clamnetwork");
        Path in = noise("in.wav", 44100, 44100);
        float[] x = AudioFileLoader.load(in).channels()[0];

        Path out = dir.resolve("spectral.wav");
        CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[] y = AudioFileLoader.load(out).channels()[0];
        // the delay is found, not assumed: at most two windows (the STFT's window, and the input's lead: a hop, and
        // under a hop more for the chain's frame spread over its hop), the lag where the output best matches
        int lag = 0;
        for (int l = 1; l <= 4096; l++) if (correlation2(x, y, l) > correlation2(x, y, lag)) lag = l;
        double err = 0, power = 0;
        for (int i = 4096; i < x.length - 4096; i++) {
            err += (y[i + lag] - x[i]) * (y[i + lag] - x[i]);
            power += x[i] * x[i];
        }
        assertTrue(err / power < 1e-8, "identity at the defaults, delayed " + lag + ": relative error power " + err / power);

        CliRun robot = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f",
                "--set", "Robotization_factor.value=100");
        assertEquals(0, robot.exit(), robot::toString);
        float[] z = AudioFileLoader.load(out).channels()[0];
        assertTrue(correlation(z, 256, 8192, 30000) > 0.5, "periodic at the hop: " + correlation(z, 256, 8192, 30000));
        assertTrue(Math.abs(correlation(x, 256, 8192, 30000)) < 0.05, "the input noise is not");
    }

    private static double correlation2(float[] x, float[] y, int lag) {
        double xy = 0, xx = 0, yy = 0;
        for (int i = 8192; i < 30000; i++) {
            xy += x[i] * y[i + lag];
            xx += x[i] * x[i];
            yy += y[i + lag] * y[i + lag];
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static double correlation(float[] x, int lag, int from, int len) {
        double xy = 0, xx = 0, yy = 0;
        for (int i = from; i < from + len; i++) {
            xy += x[i] * x[i + lag];
            xx += x[i] * x[i];
            yy += x[i + lag] * x[i + lag];
        }
        return xy / Math.sqrt(xx * yy);
    }

    /**
     * simpleModulator: CLAM's Oscillator at the ControlSource's pitch (no DefaultValue: its MinValue, 200 Hz), its
     * phase step multiplied by a 10 Hz SimpleOscillator (through-zero FM) and the input added to its phase (ModIndex 1),
     * computed here with CLAM's recursion.
     */
    @Test
    void simpleModulatorFollowsCLAMsOscillatorRecursion() throws Exception {
        Path net = clam("NetworkEditor/example-data/simpleModulator.clamnetwork");
        Path in = noise("in.wav", 44100, 22050), out = dir.resolve("mod.wav");
        CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[] x = AudioFileLoader.load(in).channels()[0], y = AudioFileLoader.load(out).channels()[0];
        double fs = 44100, phase = 0, delta = 2 * Math.PI * 200 / fs;
        for (int i = 0; i < 20000; i++) {
            double want = Math.sin(phase + x[i]);
            phase += delta * Math.sin(2 * Math.PI * 10 * i / fs);
            assertEquals(want, y[i], 1e-3, "sample " + i);
        }
    }

    /**
     * WhiteNoiseToWav: Gaussian noise of mean 0 and deviation 1 (the sliders' defaults) into a 16-bit file, which
     * clips it at full scale: the file's deviation is then sqrt(E[min(z^2, 1)]) = 0.7184 for z ~ N(0, 1).
     */
    @Test
    void whiteNoiseToWavWritesClippedUnitGaussianNoise() throws Exception {
        Path net = clam("CLAM/plugins/Filters/WhiteNoise/WhiteNoiseToWav.clamnetwork");
        Path written = dir.resolve("noise.wav");
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "2", "--set", "MonoAudioFileWriter.file=" + written);
        assertEquals(0, r.exit(), r::toString);
        AudioFileInfo info = AudioFileLoader.probe(written);
        assertEquals(1, info.channels());
        float[] y = AudioFileLoader.load(written).channels()[0];
        int from = 4410, len = 80000; // before the release fade at 2 s
        double mean = Signals.mean(y, from, len), power = Signals.power(y, from, len);
        assertEquals(0, mean, 0.01);
        assertEquals(0.7184, Math.sqrt(power - mean * mean), 0.006);
    }

    /** A float WAV whose channel c is its own seeded noise, so every channel can be told apart. */
    private Path channels(String name, int count, int frames) throws Exception {
        float[][] x = new float[count][frames];
        for (int c = 0; c < count; c++) {
            SplittableRandom r = new SplittableRandom(100 + c);
            for (int i = 0; i < frames; i++) x[c][i] = (float) (r.nextDouble() - 0.5);
        }
        Path p = dir.resolve(name);
        try (WavWriter w = WavWriter.open(p, count, 44100, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        return p;
    }

    /**
     * playback_stereofile_example: SndfilePlayer out0/out1 into the 2-port AudioSink. Its ElvisStereo.wav is not in
     * CLAM's repository: validate says so in one sentence; with a stereo file given by --set the output is that file.
     */
    @Test
    void playbackStereofileExamplePlaysItsFileThroughBothChannels() throws Exception {
        Path net = clam("CLAM/plugins/sndfile/playback_stereofile_example.clamnetwork");
        CliRun v = CliRun.of("validate", net.toString());
        assertEquals(2, v.exit(), v::toString);
        assertTrue(v.err().lines().anyMatch(l -> l.contains("node 'SndfilePlayer'") && l.contains("ElvisStereo.wav")), v::toString);
        Path stereo = channels("stereo.wav", 2, 30000), out = dir.resolve("play.wav");
        CliRun r = CliRun.of("render", net.toString(), "--set", "SndfilePlayer.file=" + stereo, "--seconds", "0.5",
                "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[][] x = AudioFileLoader.load(stereo).channels(), y = AudioFileLoader.load(out).channels();
        assertEquals(2, y.length);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 20000; i++) assertEquals(x[c][i], y[c][i], 0, "channel " + c + ", sample " + i);
        }
    }

    /**
     * speakerLocalization: a 24-channel player through one 24-port AudioAmplifier (InitGain 0.5; ports "Input Audio",
     * "Input Audio 1", ...) into the 24-port sink, and five sources (ids 1 to 4 and LoopBack, ordered by y) into a
     * 5-channel 16-bit SndfileWriter.
     */
    @Test
    void speakerLocalizationKeepsAll24ChannelsAndItsFiveInputsInOrder() throws Exception {
        Path net = clam("CLAM/plugins/spacialization/example-data/speakerLocalization.clamnetwork");
        int frames = 22050;
        Path player = channels("24.wav", 24, frames), out = dir.resolve("24out.wav"), mics = dir.resolve("mics.wav");
        List<String> args = new java.util.ArrayList<>(List.of("render", net.toString(), "--set", "SndfilePlayer.file=" + player,
                "--set", "SndfileWriter.file=" + mics, "-o", out.toString(), "--bits", "32f"));
        float[][] ins = new float[5][];
        for (int k = 0; k < 5; k++) {
            Path in = noise("in" + k + ".wav", 44100, frames);
            ins[k] = AudioFileLoader.load(in).channels()[0];
            args.addAll(List.of("-i", in.toString()));
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        float[][] x = AudioFileLoader.load(player).channels(), y = AudioFileLoader.load(out).channels();
        assertEquals(24, y.length);
        for (int c = 0; c < 24; c++) {
            for (int i = 0; i < frames - 100; i++) assertEquals(0.5f * x[c][i], y[c][i], 0, "channel " + c + ", sample " + i);
        }
        AudioFileInfo info = AudioFileLoader.probe(mics);
        assertEquals(5, info.channels(), info::toString);
        assertTrue(info.format().contains("16"), info::toString);
        float[][] m = AudioFileLoader.load(mics).channels();
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < frames - 100; i++) assertEquals(ins[k][i], m[k][i], 1.0 / 32768, "mic " + k + ", sample " + i);
        }
    }

    /**
     * #13 FilePlayer: an AudioFileMemoryLoader reads the MP3 beside the examples (channel 0) into a one-input
     * AudioMixer whose slider starts at 1 (and 1/N = 1): the output is the file's first channel, against sox's own
     * decode (libmad) of it, after fitting JLayer's 0.2 % lower level.
     */
    @Test
    void filePlayerPlaysTheFirstChannelOfItsMp3AsSoxDecodesIt() throws Exception {
        Path net = clam("NetworkEditor/example-data/FilePlayer.clamnetwork");
        ExternalTools.requireOnPath("sox");
        Path mp3 = net.resolveSibling("Guillamino_CitiusAltiusFortius.mp3"), ref = dir.resolve("sox.wav"), out = dir.resolve("fp.wav");
        Process p = new ProcessBuilder("sox", mp3.toString(), "-e", "floating-point", "-b", "32", ref.toString(), "remix", "1",
                "trim", "0", "3").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ExternalTools.require(p.waitFor() == 0, "sox cannot decode MP3 (apt-get install libsox-fmt-mp3): " + said.strip());
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "3", "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[] x = AudioFileLoader.load(ref).channels()[0], y = AudioFileLoader.load(out).channels()[0];
        double xy = 0, xx = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
        }
        double gain = xy / xx, square = 0;
        for (int i = 0; i < x.length; i++) square += Math.pow(y[i] - gain * x[i], 2);
        double rms = Math.sqrt(square / x.length), level = Math.sqrt(xx / x.length);
        assertTrue(level > 0.01, "the file has sound: rms " + level);
        assertEquals(1, gain, 0.005, "level");
        assertTrue(rms < 1e-4, "rms difference " + rms + " at a level of " + level);
    }

    /**
     * #8 AdaptativeNotch/example2: a 500 Hz sine (slider Pitch, Amplitude 0.5) plus a 400 Hz interference (the
     * "Noise" oscillator, Amplitude_1 0.5, also the reference) plus white noise through an amplifier whose slider
     * starts at 0 (linear: silence), into the LMS canceller. With the step at 0 nothing adapts and the output is the
     * sum itself, delayed by the 4 taps: both sines at 0.5 and nothing else. At the file's step the 400 Hz
     * interference is gone after a second while the 500 Hz sine stays.
     */
    @Test
    void adaptativeNotchExample2CancelsItsReferenceAndKeepsTheSine() throws Exception {
        Path net = clam("CLAM/plugins/Filters/AdaptativeNotch/example2.clamnetwork");
        Path frozen = dir.resolve("frozen.wav"), adapted = dir.resolve("adapted.wav");
        CliRun f = CliRun.of("render", net.toString(), "--seconds", "1", "-o", frozen.toString(), "--bits", "32f",
                "--set", "AdaptativeNotch.step=0");
        assertEquals(0, f.exit(), f::toString);
        float[] x = AudioFileLoader.load(frozen).channels()[0];
        int n = x.length;
        assertEquals(0.5, sine(x, 400, 4, 2000, n - 2000), 1e-3, "the interference, as it arrives");
        assertEquals(0.5, sine(x, 500, 4, 2000, n - 2000), 1e-3, "the sine");
        // what the two sines leave (their phases depend on the oscillators' glide to the sliders' pitches): no noise,
        // its gain slider is at 0; white noise at gain 1 would leave an rms of 0.58
        double[] left = residual(x, 2000, n - 2000, 400, 500);
        assertTrue(left[0] < 0.01, "rms left after the two sines: " + left[0]);
        CliRun a = CliRun.of("render", net.toString(), "--seconds", "2", "-o", adapted.toString(), "--bits", "32f");
        assertEquals(0, a.exit(), a::toString);
        float[] y = AudioFileLoader.load(adapted).channels()[0];
        int m = y.length;
        assertTrue(sine(y, 400, 0, m - 22050, m) < 1e-4, "the interference is cancelled: " + sine(y, 400, 0, m - 22050, m));
        assertTrue(sine(y, 500, 0, m - 22050, m) > 0.05, "the sine is kept: " + sine(y, 500, 0, m - 22050, m));
    }

    /** {rms} of x[from, to) less its least-squares fit by sines and cosines of the given frequencies. */
    private static double[] residual(float[] x, int from, int to, double... hz) {
        int k = 2 * hz.length;
        double[][] a = new double[k][k + 1];
        for (int t = from; t < to; t++) {
            double[] b = new double[k];
            for (int j = 0; j < hz.length; j++) {
                b[2 * j] = Math.sin(2 * Math.PI * hz[j] * t / 44100.0);
                b[2 * j + 1] = Math.cos(2 * Math.PI * hz[j] * t / 44100.0);
            }
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) a[r][c] += b[r] * b[c];
                a[r][k] += b[r] * x[t];
            }
        }
        for (int c = 0; c < k; c++) { // Gauss-Jordan; the normal matrix is well conditioned over many periods
            for (int r = 0; r < k; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int q = c; q <= k; q++) a[r][q] -= f * a[c][q];
            }
        }
        double sq = 0;
        for (int t = from; t < to; t++) {
            double fit = 0;
            for (int j = 0; j < hz.length; j++) {
                fit += a[2 * j][k] / a[2 * j][2 * j] * Math.sin(2 * Math.PI * hz[j] * t / 44100.0)
                        + a[2 * j + 1][k] / a[2 * j + 1][2 * j + 1] * Math.cos(2 * Math.PI * hz[j] * t / 44100.0);
            }
            sq += (x[t] - fit) * (x[t] - fit);
        }
        return new double[] {Math.sqrt(sq / (to - from))};
    }

    /** Amplitude of the {@code hz} component of x[from, to) (delayed by {@code delay} samples), by correlation. */
    private static double sine(float[] x, double hz, int delay, int from, int to) {
        double s = 0, c = 0;
        for (int t = from; t < to; t++) {
            double ph = 2 * Math.PI * hz * (t - delay) / 44100.0;
            s += x[t] * Math.sin(ph);
            c += x[t] * Math.cos(ph);
        }
        return 2 * Math.hypot(s, c) / (to - from);
    }

    /**
     * #10 Dist1: its Switch slider starts at 0, so the 2-way AudioSwitch passes the dry input at CLAM's 1/2; the
     * whole network runs as late as validate says (the FFT's 1024-sample hop on the live input: 1023 samples). At
     * Switch 1 the input goes through the factor distortion at Distortion 0 (a straight line times an automatic gain
     * that steers the output power to (10 - Compression) / 100 = 0.01), an unwindowed FFT / IFFT with all three
     * bands at +5 dB, the amplifier at Gain 1 and the 1/2: a copy of the input at an rms of 0.1 * 10^(5/20) / 2.
     */
    @Test
    void dist1BypassesAtHalfAndItsEffectPathSettlesAtTheAutomaticGainsLevel() throws Exception {
        Path net = clam("CLAM/plugins/GuitarEffects/Dist1.clamnetwork");
        int frames = 44100;
        float[][] tone = {new float[frames]};
        for (int t = 0; t < frames; t++) tone[0][t] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * t / 44100.0));
        Path in = dir.resolve("tone.wav"), dry = dir.resolve("dry.wav"), wet = dir.resolve("wet.wav");
        try (WavWriter w = WavWriter.open(in, 1, 44100, SampleFormat.FLOAT32)) {
            w.write(tone, 0, frames);
            w.commit();
        }
        // the input is heard as late as validate says: the FFT's hop on the live input, and the lead its chain's
        // frame spreading takes (1023 before spreading)
        CliRun v = CliRun.of("validate", net.toString());
        java.util.regex.Matcher reported = java.util.regex.Pattern.compile("latency (\\d+) samples").matcher(v.out());
        assertTrue(reported.find(), v::toString);
        int late = Integer.parseInt(reported.group(1));
        assertTrue(late >= 1023, v::toString);
        CliRun a = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", dry.toString(), "--bits", "32f");
        assertEquals(0, a.exit(), a::toString);
        float[] x = tone[0], y = AudioFileLoader.load(dry).channels()[0];
        for (int t = 0; t < frames; t++) assertEquals(t < late ? 0 : x[t - late] / 2, y[t], 0, "bypass, sample " + t);

        CliRun b = CliRun.of("render", net.toString(), "-i", in.toString(), "-o", wet.toString(), "--bits", "32f",
                "--set", "Switch.value=1");
        assertEquals(0, b.exit(), b::toString);
        float[] z = AudioFileLoader.load(wet).channels()[0];
        double zz = 0, xz = 0, xx = 0;
        for (int t = frames / 2; t < frames; t++) {
            zz += z[t] * z[t];
            xz += z[t] * x[t - late];
            xx += x[t - late] * x[t - late];
        }
        assertEquals(0.1 * Math.pow(10, 5 / 20.0) / 2, Math.sqrt(zz / (frames / 2)), 1e-3, "rms of the effect path");
        assertTrue(xz / Math.sqrt(xx * zz) > 0.999, "a copy of the input: correlation " + xz / Math.sqrt(xx * zz));
    }

    /**
     * #12 TestAll: a MonoAudioFileReader (SelectedChannel 0 of the missing StereoTestFile.wav, given here: a tone on
     * the left, noise on the right) into three GuitarDistortions, a 3-way AudioSwitch (CLAM's 1/3) and an amplifier
     * at Gain 1. Switch 2 is the polynomial at its sliders' a = 1, b = 0: the tone itself over 3; Switch 1 is atan at
     * Param_0 0.5: atan(0.5 x) / atan(0.5) over 3; Switch 0 is the factor curve at Distortion 0 under its automatic
     * gain, settling at an rms of 0.1 / 3 (Compression 9). The right channel is never heard.
     */
    @Test
    void testAllPlaysTheLeftChannelThroughEachOfItsThreeDistortions() throws Exception {
        Path net = clam("CLAM/plugins/GuitarEffects/TestAll.clamnetwork");
        int frames = 44100;
        float[][] x = {new float[frames], new float[frames]};
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < frames; t++) {
            x[0][t] = (float) (0.6 * Math.sin(2 * Math.PI * 220 * t / 44100.0));
            x[1][t] = (float) (r.nextDouble() - 0.5);
        }
        Path stereo = dir.resolve("StereoTestFile.wav");
        try (WavWriter w = WavWriter.open(stereo, 2, 44100, SampleFormat.FLOAT32)) {
            w.write(x, 0, frames);
            w.commit();
        }
        float[][] y = new float[3][];
        for (int k = 0; k < 3; k++) {
            Path out = dir.resolve("switch" + k + ".wav");
            CliRun run = CliRun.of("render", net.toString(), "--set", "MonoAudioFileReader.file=" + stereo, "--set",
                    "Switch.value=" + k, "--seconds", "1", "-o", out.toString(), "--bits", "32f");
            assertEquals(0, run.exit(), run::toString);
            y[k] = AudioFileLoader.load(out).channels()[0];
        }
        for (int t = 0; t < frames; t++) {
            assertEquals(x[0][t] / 3, y[2][t], 1e-6, "polynomial a = 1, b = 0, sample " + t);
            assertEquals(Math.atan(0.5 * x[0][t]) / Math.atan(0.5) / 3, y[1][t], 1e-6, "atan 0.5, sample " + t);
        }
        double square = 0;
        for (int t = frames / 2; t < frames; t++) square += y[0][t] * y[0][t];
        assertEquals(0.1 / 3, Math.sqrt(square / (frames / 2)), 1e-3, "the factor curve's automatic gain");
    }

    /** #3 configurationBinder: the smallest generator, "My Processing" (a SimpleOscillator at 440 Hz, amplitude 1, phase 0). */
    @Test
    void configurationBinderIsItsSineFromTheFormula() throws Exception {
        Path net = clam("NetworkEditor/example-data/configurationBinder.clamnetwork"), out = dir.resolve("cb.wav");
        CliRun r = CliRun.of("render", net.toString(), "--seconds", "0.5", "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("SimpleOscillator 'My Processing' -> Oscillator 'My_Processing'"), r::toString);
        float[] y = AudioFileLoader.load(out).channels()[0];
        for (int t = 0; t < 22050; t++) assertEquals(Math.sin(2 * Math.PI * 440 * t / 44100.0), y[t], 1e-4, "sample " + t);
    }

    /**
     * #2 stereocable: two buffer sources pass a stereo input through to sink channels 2 and 3 bit for bit, and the
     * Tone sink (first by y) carries the SimpleOscillator at its ControlSources' 440 Hz and 0.5.
     */
    @Test
    void stereocablePassesItsStereoInputAndAddsItsTone() throws Exception {
        Path net = clam("CLAM/examples/PluginExamples/Lv2PluginExample/stereocable.clamnetwork");
        Path in = channels("cable-in.wav", 2, 44100), out = dir.resolve("cable.wav");
        CliRun r = CliRun.of("render", net.toString(), "-i", in.toString(), "--seconds", "1", "-o", out.toString(), "--bits", "32f");
        assertEquals(0, r.exit(), r::toString);
        float[][] x = AudioFileLoader.load(in).channels(), y = AudioFileLoader.load(out).channels();
        assertEquals(3, y.length);
        for (int t = 0; t < 44100; t++) {
            assertEquals(x[0][t], y[1][t], 0, "channel 2, sample " + t);
            assertEquals(x[1][t], y[2][t], 0, "channel 3, sample " + t);
        }
        assertEquals(0.5, sine(y[0], 440, 0, 4410, 44100), 1e-3, "the tone's amplitude");
        assertTrue(residual(y[0], 4410, 44100, 440)[0] < 1e-3, "and nothing but the tone");
    }
}
