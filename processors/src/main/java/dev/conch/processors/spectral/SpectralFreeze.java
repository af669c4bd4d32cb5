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

import java.util.Arrays;

/**
 * Holds a spectrum while frozen: the magnitudes of the frame at the moment the freeze begins keep sounding, and each
 * bin's phase keeps advancing by the step it made between the last two frames before the freeze (a phase vocoder's
 * sustain), so a held partial stays a steady sinusoid instead of a frame repeated every hop. Not frozen, frames pass
 * through unchanged. Frozen while the {@code freeze} param is true or the {@code freeze} control input is ≥ 0.5.
 */
@ProcessorInfo(name = "SpectralFreeze", category = "Spectral",
        description = "Freezes the spectrum (magnitudes held, phases advancing) while a control or param says so.")
public final class SpectralFreeze extends Processor {
    private final Param freeze = param(ParamSpec.bool("freeze", false).describe("hold the spectrum"));

    private Input in;
    private Input gate;
    private Output out;
    private int n, bins;
    private float[] magnitude, phase, step, lastPhase;
    private boolean frozen;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("in");
        n = format.fftSize();
        bins = n / 2 + 1;
        in = input(PortSpec.spectrum("in", format, "spectrum frames"));
        gate = controlIn("freeze", "frozen while >= 0.5 (one value per frame)");
        out = output(PortSpec.spectrum("out", format, "the input, or the held spectrum"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
        magnitude = new float[bins];
        phase = new float[bins];
        step = new float[bins];
        lastPhase = new float[bins];
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(lastPhase, 0f);
        Arrays.fill(step, 0f);
        frozen = false;
    }

    @Override
    public void process(int firings) {
        float[] x = in.buffer(), g = gate.buffer(), y = out.buffer();
        boolean byParam = freeze.on();
        int width = n + 2;
        for (int f = 0; f < firings; f++) {
            boolean now = byParam || (gate.connected() && g[f] >= 0.5f);
            int base = f * width;
            if (now && !frozen) {
                for (int k = 0; k < bins; k++) {
                    float re = x[base + 2 * k], im = x[base + 2 * k + 1];
                    magnitude[k] = (float) Math.hypot(re, im);
                    float p = (float) Math.atan2(im, re);
                    step[k] = p - lastPhase[k];
                    phase[k] = p;
                }
            }
            frozen = now;
            if (frozen) {
                for (int k = 0; k < bins; k++) {
                    y[base + 2 * k] = (float) (magnitude[k] * Math.cos(phase[k]));
                    y[base + 2 * k + 1] = (float) (magnitude[k] * Math.sin(phase[k]));
                    // wrapped so the float phase keeps its precision however long the freeze lasts
                    float p = phase[k] + step[k];
                    phase[k] = (float) (p - 2 * Math.PI * Math.rint(p / (2 * Math.PI)));
                }
            } else {
                System.arraycopy(x, base, y, base, width);
                for (int k = 0; k < bins; k++) lastPhase[k] = (float) Math.atan2(x[base + 2 * k + 1], x[base + 2 * k]);
            }
        }
    }
}
