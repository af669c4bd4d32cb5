package dev.conch.processors.spectral;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.SpectrumFormat;
import dev.conch.processors.dsp.Dsp;

import java.util.Arrays;

/**
 * The spectral delay of RTcmix's SPECTACLE (and Native Instruments' Spektral Delay): every bin has its own delay
 * line, in whole frames. Per bin k and frame: e = X·eq[k]; delayed = line[k] read d[k] frames back;
 * line[k] ← e + feedback[k]·delayed; out = dry·X + wet·delayed. A bin with d[k] = 0 passes e straight to the wet
 * output and has no feedback.
 *
 * <p>Tables are {@link Breakpoints} over frequency (or random per band with a seed): delay in seconds, rounded to
 * the nearest number of hops (the hop of the input's STFT: one frame lasts one hop); feedback clamped to
 * [0, 0.999] so every bin decays; EQ in dB.
 */
@ProcessorInfo(name = "SpectralDelay", category = "Spectral",
        description = "Per-bin delay, feedback and EQ on spectrum frames (SPECTACLE-style spectral delay).")
public final class SpectralDelay extends Processor {
    static final double MAX_FEEDBACK = 0.999;

    private final Param maxDelay = param(ParamSpec.number("maxDelay", "s", 0.001, 60, 4).asStructural()
            .describe("longest delay any bin can have (memory: maxDelay of frames)"));
    private final Param delay = param(ParamSpec.text("delay", "0:0.25")
            .describe("delay per bin in seconds, quantized to hops: 'Hz:s Hz:s ...', random(min, max, bands, seed) or cycle(from, to, bins)"));
    private final Param feedback = param(ParamSpec.text("feedback", "0:0.5")
            .describe("feedback per bin, 0 to 1 (clamped to 0.999): 'Hz:fb ...', random(...) or cycle(...)"));
    private final Param eq = param(ParamSpec.text("eq", "0:0")
            .describe("gain per bin in dB applied before the delay: 'Hz:dB ...', random(...) or cycle(...)"));
    private final Param dry = param(ParamSpec.number("dry", "", 0, 1, 0).perSample()
            .describe("level of the undelayed input (read once per frame)"));
    private final Param wet = param(ParamSpec.number("wet", "", 0, 1, 1).perSample()
            .describe("level of the delayed bins (read once per frame)"));

    private Input in;
    private Output out;
    private Breakpoints delayTable, feedbackTable, eqTable;
    private int n, bins, hop;
    private int[] delayFrames;
    private float[] fb, gain;
    private float[] line;        // ring of frames: frame f at [f * 2 * bins, (f + 1) * 2 * bins)
    private int ringFrames;
    private int write;
    private double framesPerSecond;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        hop = format.hop();
        bins = n / 2 + 1;
        delayTable = Breakpoints.parse("delay", delay.text(), 0, maxDelay.value(), "s (at most maxDelay)");
        feedbackTable = Breakpoints.parse("feedback", feedback.text(), 0, 1, "");
        eqTable = Breakpoints.parse("eq", eq.text(), -120, 24, "dB");
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        out = output(PortSpec.spectrum("out", format, "dry plus delayed spectrum frames"));
    }

    /**
     * Time for the slowest-decaying bin to fall 60 dB: its delay times (1 + the repeats its feedback needs). Once
     * prepared this is exact per bin (quantized delays); before, a bound from the tables' largest delay and largest
     * feedback (which may belong to different bins).
     */
    @Override
    public double tailSeconds() {
        if (delayFrames != null) {
            double worst = 0;
            for (int k = 0; k < bins; k++) worst = Math.max(worst, ringDown(delayFrames[k] / framesPerSecond, fb[k]));
            return worst;
        }
        return ringDown(delayTable.maxValue(), Math.min(MAX_FEEDBACK, feedbackTable.maxValue()));
    }

    private static double ringDown(double delaySeconds, double feedback) {
        double repeats = feedback <= 0 ? 0 : Math.log(1e-3) / Math.log(feedback);
        return delaySeconds * (1 + repeats);
    }

    @Override
    public void prepare(ProcessContext ctx) {
        double sr = ctx.sampleRate();
        framesPerSecond = sr / hop;
        double binHz = sr / n;
        double[] d = delayTable.perBin(bins, binHz), f = feedbackTable.perBin(bins, binHz), g = eqTable.perBin(bins, binHz);
        delayFrames = new int[bins];
        fb = new float[bins];
        gain = new float[bins];
        int longest = 0;
        for (int k = 0; k < bins; k++) {
            delayFrames[k] = (int) Math.round(d[k] * framesPerSecond);
            longest = Math.max(longest, delayFrames[k]);
            fb[k] = delayFrames[k] == 0 ? 0 : (float) Math.max(0, Math.min(MAX_FEEDBACK, f[k]));
            gain[k] = (float) Dsp.dbToGain(g[k]);
        }
        // a power of two, so the read position wraps with a mask instead of a branch per bin
        ringFrames = Integer.highestOneBit(Math.max(1, longest)) << 1;
        line = new float[ringFrames * 2 * bins];
        write = 0;
    }

    /** Delay of bin k in frames, after quantization (for tests and tools). */
    public int delayFrames(int k) {
        return delayFrames[k];
    }

    @Override
    public void reset() {
        Arrays.fill(line, 0f);
        write = 0;
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), y = out.buffer();
        int width = n + 2, stride = 2 * bins, ringMask = ringFrames - 1;
        for (int f = 0; f < firings; f++) {
            float dryGain = (float) dry.next(), wetGain = (float) wet.next();
            int base = f * width, w = write * stride;
            for (int k = 0; k < bins; k++) {
                float xr = x[base + 2 * k], xi = x[base + 2 * k + 1];
                float er = gain[k] * xr, ei = gain[k] * xi;
                int d = delayFrames[k];
                // a bin without delay reads its own input (a select, not a branch); its feedback is 0 (prepare),
                // so its line holds only its input, which nothing reads back
                int at = ((write - d) & ringMask) * stride + 2 * k;
                float dr = d == 0 ? er : line[at], di = d == 0 ? ei : line[at + 1];
                line[w + 2 * k] = Dsp.flush(er + fb[k] * dr);
                line[w + 2 * k + 1] = Dsp.flush(ei + fb[k] * di);
                y[base + 2 * k] = dryGain * xr + wetGain * dr;
                y[base + 2 * k + 1] = dryGain * xi + wetGain * di;
            }
            write = (write + 1) & ringMask;
        }
    }
}
