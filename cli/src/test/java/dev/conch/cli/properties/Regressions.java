package dev.conch.cli.properties;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Render;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counterexamples the property tests found, shrunk by hand to what each needs, kept as tests of their own (each
 * failed on the code before its fix).
 */
class Regressions {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    private static NetworkSpec network(String body, double rate) throws Exception {
        return NetworkXml.read("<network name=\"regression\" version=\"1\" sampleRate=\"" + (int) rate + "\">" + body
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">1</param></node></network>", "regression.xml");
    }

    /**
     * An Oscillator whose waveform is automated to saw at 0.05 s (frame 400). A per-block param took the change at the
     * next block boundary, so automation and controls on per-block params (waveform, a filter's type, a reader's
     * seek, ...) made the output depend on the block size (at block 251 the change waited for frame 502).
     * Found with blocks 1, 251 on {@code AudioFileReader.seek}; fixed by calling such a node once per run of frames over
     * which its per-block controls hold still ({@code Schedule}).
     */
    @Test
    void anAutomatedWaveformChangesAtItsFrameAtEveryBlockSize() throws Exception {
        NetworkSpec spec = network("<node id=\"osc\" type=\"Oscillator\"><param name=\"frequency\">300</param>"
                + "<automate param=\"waveform\"><setValueAtTime value=\"1\" startTime=\"0.05\"/></automate></node>"
                + "<connect from=\"osc.out\" to=\"out.in1\"/>", 8000);
        float[] reference = Render.channel0(spec, REGISTRY, 1, 1600);
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 251, 1600), "block 251 against block 1");
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 64, 1600), "block 64 against block 1");
    }

    /** The same change as a sine-to-saw switch made by hand at frame 400 must differ from the sine: a control check. */
    @Test
    void theWaveformAutomationIsAudibleAtAll() throws Exception {
        NetworkSpec automated = network("<node id=\"osc\" type=\"Oscillator\"><param name=\"frequency\">300</param>"
                + "<automate param=\"waveform\"><setValueAtTime value=\"1\" startTime=\"0.05\"/></automate></node>"
                + "<connect from=\"osc.out\" to=\"out.in1\"/>", 8000);
        NetworkSpec plain = network("<node id=\"osc\" type=\"Oscillator\"><param name=\"frequency\">300</param></node>"
                + "<connect from=\"osc.out\" to=\"out.in1\"/>", 8000);
        float[] a = Render.channel0(automated, REGISTRY, 1, 1600);
        float[] b = Render.channel0(plain, REGISTRY, 1, 1600);
        assertArrayEquals(Arrays.copyOf(b, 400), Arrays.copyOf(a, 400), "before the event the wave is the sine");
        assertTrue(!Arrays.equals(a, b), "after the event the wave changed");
    }

    /** A Biquad whose output feeds nothing validated, then the render died in Schedule.take (DANGLING_BRANCHES). */
    @Test
    void aNodeWhoseOutputFeedsNothingRendersAtEveryBlockSize() throws Exception {
        NetworkSpec spec = network("<node id=\"osc\" type=\"Oscillator\"/><node id=\"filter\" type=\"Biquad\"/>"
                + "<connect from=\"osc.out\" to=\"out.in1\"/><connect from=\"osc.out\" to=\"filter.in\"/>", 48000);
        float[] reference = Render.channel0(spec, REGISTRY, 1, 4800);
        for (int i = 0; i < 4800; i++) {
            assertEquals(Math.sin(2 * Math.PI * 440 * i / 48000), reference[i], 1e-5, "the oscillator's own sine at " + i);
        }
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 97, 4800), "block 97 against block 1");
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 512, 4800), "block 512 against block 1");
    }

    /** A loop through an STFT chain and a 30 ms Delay rendered differently at block 97 than at 1 (SPECTRAL_LOOPS). */
    @Test
    void aLoopThroughAnStftChainIsTheSameAtEveryBlockSize() throws Exception {
        NetworkSpec spec = network("<node id=\"osc\" type=\"Oscillator\"/><node id=\"mix\" type=\"Mixer\">"
                + "<param name=\"gain2\">-6</param></node><node id=\"stft\" type=\"STFT\"/>"
                + "<node id=\"gain\" type=\"SpectralGain\"/><node id=\"istft\" type=\"ISTFT\"/>"
                + "<node id=\"delay\" type=\"Delay\"><param name=\"time\">40</param><param name=\"wet\">0.5</param></node>"
                + "<connect from=\"osc.out\" to=\"mix.in1\"/><connect from=\"mix.out\" to=\"stft.in\"/>"
                + "<connect from=\"stft.out\" to=\"gain.in\"/><connect from=\"gain.out\" to=\"istft.in\"/>"
                + "<connect from=\"istft.out\" to=\"delay.in\"/><connect from=\"delay.out\" to=\"mix.in2\"/>"
                + "<connect from=\"mix.out\" to=\"out.in1\"/>", 48000);
        float[] reference = Render.channel0(spec, REGISTRY, 1, 9600);
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 97, 9600), "block 97 against block 1");
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 512, 9600), "block 512 against block 1");
        double echo = 0; // what the loop adds to the sine over the last 50 ms
        for (int i = 7200; i < 9600; i++) echo = Math.max(echo, Math.abs(reference[i] - Math.sin(2 * Math.PI * 440 * i / 48000)));
        assertTrue(echo > 0.1, "the echo is heard on top of the sine: " + echo);
    }

    /**
     * A part of the network that reaches no output: noise into a loop through a Delay, and an LFO driving the loop's
     * Mixer and the fm of an oscillator nothing reads. The loop's absorb half pulled the LFO every block while the
     * oscillator, given no rate, never read its stream: it overflowed and the render died in Schedule.take (found by
     * the long run at network 166). Such a part now runs from its sources, once per frame, like the rest.
     */
    @Test
    void aPartThatReachesNoOutputRunsWithoutOverflowing() throws Exception {
        NetworkSpec spec = network("<node id=\"lfo\" type=\"LFO\"><param name=\"waveform\">square</param></node>"
                + "<node id=\"osc\" type=\"Oscillator\"/><node id=\"noise\" type=\"Noise\"/>"
                + "<node id=\"mix\" type=\"Mixer\"/><node id=\"echo\" type=\"Delay\"><param name=\"time\">50</param></node>"
                + "<node id=\"tone\" type=\"Oscillator\"><param name=\"frequency\">300</param></node>"
                + "<connect from=\"lfo.out\" to=\"osc.fm\"/><connect from=\"noise.out\" to=\"mix.in1\"/>"
                + "<connect from=\"echo.out\" to=\"mix.in2\"/><connect from=\"mix.out\" to=\"echo.in\"/>"
                + "<control from=\"lfo.out\" to=\"mix.gain1\"/><connect from=\"tone.out\" to=\"out.in1\"/>", 48000);
        float[] reference = Render.channel0(spec, REGISTRY, 1, 9600);
        for (int i = 0; i < 9600; i++) {
            assertEquals(Math.sin(2 * Math.PI * 300 * i / 48000), reference[i], 1e-5, "the output's own sine at " + i);
        }
        assertArrayEquals(reference, Render.channel0(spec, REGISTRY, 97, 9600), "block 97 against block 1");
    }

    /**
     * An LFO that runs per sample (it drives an oscillator's fm) also feeds the freeze port of a SpectralFreeze in a
     * loop that reaches no output: the balance equations then make the loop run 256 times as fast as the network,
     * and its streams overflowed into an internal error (the long run, network 1,019). Refused with a sentence now.
     */
    @Test
    void aLoopDrivenAtAnotherRateThroughAControlPortIsRefusedWithASentence() throws Exception {
        NetworkSpec spec = network("<node id=\"lfo\" type=\"LFO\"/><node id=\"osc\" type=\"Oscillator\"/>"
                + "<node id=\"noise\" type=\"Noise\"/><node id=\"mix\" type=\"Mixer\"/><node id=\"stft\" type=\"STFT\"/>"
                + "<node id=\"freeze\" type=\"SpectralFreeze\"/><node id=\"istft\" type=\"ISTFT\"/>"
                + "<node id=\"echo\" type=\"Delay\"><param name=\"time\">500</param></node>"
                + "<connect from=\"lfo.out\" to=\"osc.fm\"/><connect from=\"osc.out\" to=\"out.in1\"/>"
                + "<connect from=\"noise.out\" to=\"mix.in1\"/><connect from=\"mix.out\" to=\"stft.in\"/>"
                + "<connect from=\"stft.out\" to=\"freeze.in\"/><connect from=\"lfo.out\" to=\"freeze.freeze\"/>"
                + "<connect from=\"freeze.out\" to=\"istft.in\"/><connect from=\"istft.out\" to=\"echo.in\"/>"
                + "<connect from=\"echo.out\" to=\"mix.in2\"/>", 48000);
        dev.conch.engine.model.NetworkException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.conch.engine.model.NetworkException.class, () -> Render.channel0(spec, REGISTRY, 97, 4800));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("echo", e.problems().get(0).node(), e.getMessage());
        assertTrue(e.getMessage().contains("would run 256 times as fast as the network"), e.getMessage());
    }

    /**
     * A loop Delay whose time a control pulls below the loop's lead is held at the lead; the lead came from the
     * schedule's segment, which at blocks under 64 was the block, so block 1 held the delay at 1 sample and block 31
     * at 31 (the long run, network 2,242). Every block size now holds it at the same lead.
     */
    @Test
    void aLoopDelayPulledBelowItsLeadIsHeldTheSameAtEveryBlockSize() throws Exception {
        NetworkSpec spec = network("<node id=\"noise\" type=\"Noise\"/><node id=\"mix\" type=\"Mixer\"/>"
                + "<node id=\"echo\" type=\"Delay\"><param name=\"time\">64</param><param name=\"feedback\">0.5</param></node>"
                + "<node id=\"short\" type=\"Breakpoints\"><param name=\"points\">0:0.276</param></node>"
                + "<connect from=\"noise.out\" to=\"mix.in1\"/><connect from=\"mix.out\" to=\"echo.in\"/>"
                + "<connect from=\"echo.out\" to=\"mix.in2\"/><connect from=\"mix.out\" to=\"out.in1\"/>"
                + "<control from=\"short.out\" to=\"echo.time\"/>", 48000);
        float[] reference = Render.channel0(spec, REGISTRY, 64, 4800);
        for (int block : new int[] {1, 31, 97}) {
            assertArrayEquals(reference, Render.channel0(spec, REGISTRY, block, 4800), "block " + block + " against 64");
        }
    }

    /**
     * A disk-mode AudioFileReader looping a 0.25 s region whose {@code seek} an LFO drives: the streaming thread serves
     * a seek between callbacks, not between the runs of frames inside one, so block 251 heard 0.0 where block 1 heard
     * 0.248 at frame 2 (the long run, network 2,772). A reader whose seek a control or automation drives now plays
     * from memory in mode auto, and mode disk with a driven seek is refused with a sentence.
     */
    @Test
    void aDriveSeekOnAFileReaderIsTheSameAtEveryBlockSize() throws Exception {
        String file = SampleFiles.all().get(0).path().toString();
        NetworkSpec auto = network("<node id=\"lfo\" type=\"LFO\"><param name=\"rate\">7</param></node>"
                + "<node id=\"read\" type=\"AudioFileReader\"><param name=\"file\">" + file + "</param>"
                + "<param name=\"loop\">on</param><param name=\"mode\">auto</param></node>"
                + "<control from=\"lfo.out\" to=\"read.seek\" mode=\"add\"/><connect from=\"read.out1\" to=\"out.in1\"/>", 48000);
        float[] reference = Render.channel0(auto, REGISTRY, 1, 4800);
        for (int block : new int[] {251, 64, 512}) {
            assertArrayEquals(reference, Render.channel0(auto, REGISTRY, block, 4800), "block " + block + " against 1");
        }
        NetworkSpec disk = NetworkXml.read(NetworkXml.write(auto).replace(">auto<", ">disk<"), "regression.xml");
        dev.conch.engine.model.NetworkException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.conch.engine.model.NetworkException.class, () -> Render.channel0(disk, REGISTRY, 64, 4800));
        assertEquals("read", e.problems().get(0).node(), e.getMessage());
        assertTrue(e.getMessage().contains("set mode to memory or auto"), e.getMessage());
    }

    /**
     * An AdaptiveNotch at step 1 with a loud reference (a ModOscillator at amplitude 4): the LMS weights diverged and
     * the output went to infinity within a few hundred samples ("finite: 6164 samples were NaN or infinite"). Fixed by
     * setting a diverged filter back to zero.
     */
    @Test
    void aDivergingAdaptiveNotchStaysFinite() throws Exception {
        NetworkSpec spec = network("<node id=\"ref\" type=\"ModOscillator\"><param name=\"frequency\">18300</param>"
                + "<param name=\"amplitude\">4</param></node>"
                + "<node id=\"noise\" type=\"Noise\"/>"
                + "<node id=\"lms\" type=\"AdaptiveNotch\"><param name=\"taps\">10</param><param name=\"step\">1</param></node>"
                + "<connect from=\"noise.out\" to=\"lms.in\"/><connect from=\"ref.out\" to=\"lms.reference\"/>"
                + "<connect from=\"lms.out\" to=\"out.in1\"/>", 22050);
        float[] y = Render.channel0(spec, REGISTRY, 31, 6615);
        for (int i = 0; i < y.length; i++) assertTrue(Float.isFinite(y[i]) && Math.abs(y[i]) < 1000, "sample " + i + ": " + y[i]);
    }

    /**
     * An Overdrive on the zyn curve at amount 80.6, fed silence (a GaussianNoise of deviation 0): its drive law
     * 10^(3d^2) overflowed to infinity and atan(inf · 0) made every sample NaN. Fixed by holding the drive at Zyn's 1.
     */
    @Test
    void zynOverdriveBeyondItsDriveRangeStaysFinite() throws Exception {
        NetworkSpec spec = network("<node id=\"n\" type=\"GaussianNoise\"><param name=\"deviation\">0</param></node>"
                + "<node id=\"d\" type=\"Overdrive\"><param name=\"curve\">zyn</param><param name=\"amount\">80.6</param></node>"
                + "<connect from=\"n.out\" to=\"d.in\"/><connect from=\"d.out\" to=\"out.in1\"/>", 48000);
        float[] y = Render.channel0(spec, REGISTRY, 2, 2400);
        for (int i = 0; i < y.length; i++) assertTrue(Float.isFinite(y[i]), "sample " + i + ": " + y[i]);
    }

    /**
     * A ControlExpression driven by a BinaryCounter whose other bits drive a file reader's per-block params (seed 14,
     * block 2): 32 to 160 bytes allocated on the audio thread in every run of 1440 callbacks. The evaluator walked
     * each function's statements with a List's iterator, which C2 did not always remove; it walks an array now.
     */
    @Test
    void aControlExpressionEvaluatesWithoutAllocating() throws Exception {
        String mono = SampleFiles.all().get(0).path().toString();
        NetworkSpec spec = network("<node id=\"e\" type=\"ControlExpression\"><param name=\"expression\">"
                + "float twice(x) { return 2 * x; } float main(x) { float i = 0; float s = 0; "
                + "while (i &lt; 4) { s = s + twice(x); i = i + 1; } return s; }</param></node>"
                + "<node id=\"c\" type=\"BinaryCounter\"/>"
                + "<node id=\"r\" type=\"AudioFileReader\"><param name=\"file\">" + mono + "</param></node>"
                + "<connect from=\"r.out1\" to=\"out.in1\"/>"
                + "<control from=\"c.bit2\" to=\"e.a\"/><control from=\"c.bit3\" to=\"r.seek\"/>"
                + "<control from=\"c.bit4\" to=\"r.gain\"/>", 48000);
        int block = 2;
        Engine engine = new Engine(NetworkCompiler.compile(spec, REGISTRY, block));
        float[][] in = new float[0][block], out = new float[1][block];
        engine.open();
        try {
            Runnable run = () -> {
                for (int i = 0; i < 1440; i++) engine.process(in, out, block);
            };
            run.run();
            AllocationMeter.warmUp(() -> engine.process(in, out, block), 200, 20_000);
            assertEquals(0, AllocationMeter.fewestBytesOver(3, run), "bytes allocated on the audio thread");
        } finally {
            engine.close();
        }
    }
}
