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

/**
 * Morphs two spectra bin by bin with t = morph (0: a, 1: b), read once per frame so a control connection or a
 * live change automates it. Magnitude: linear (1−t)|A| + t|B|, or log |A|^(1−t)·|B|^t (a geometric mean, which keeps
 * a partial missing from one side quiet halfway). Phase: interpolated along the shorter arc from A's to B's, or
 * taken from a or from b.
 */
@ProcessorInfo(name = "SpectralMorph", category = "Spectral",
        description = "Interpolates two spectra's magnitudes (linear or log) and phases with an automatable morph 0..1.")
public final class SpectralMorph extends Processor {
    private static final int LINEAR = 0, INTERPOLATE = 0, FROM_A = 1;
    /** Magnitudes below this count as silence in log mode (about -300 dB): log(0) is not a number. */
    private static final double FLOOR = 1e-15;

    private final Param morph = param(ParamSpec.number("morph", "", 0, 1, 0).perSample()
            .describe("0 gives input a, 1 gives input b (read once per frame)"));
    private final Param magnitude = param(ParamSpec.choice("magnitude", "linear", "linear", "log")
            .describe("how magnitudes are interpolated"));
    private final Param phase = param(ParamSpec.choice("phase", "interpolate", "interpolate", "a", "b")
            .describe("phases interpolated along the shorter arc, or taken from a or b"));

    private Input a, b;
    private Output out;
    private int n;

    @Override
    protected void configure() {
        SpectrumFormat format = inputFormat("a");
        n = format.fftSize();
        a = input(PortSpec.spectrum("a", format, "spectrum heard at morph 0"));
        // b declares its own stream's format: a mismatch with a's is the compiler's one sentence naming both sources
        b = input(PortSpec.spectrum("b", inputFormat("b"), "spectrum heard at morph 1"));
        out = output(PortSpec.spectrum("out", format, "the morphed spectrum"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    /**
     * Per bin: the magnitudes by square roots; the phases as unit vectors (a silent bin's phase is 0), so taking one
     * side's phase costs no trigonometry, and interpolating needs one atan2 (of B's direction relative to A's, which
     * is the shorter-arc difference already; {@link FastAtan2}) and one rotation by a fraction of it. Four trigonometric calls per bin
     * were all of this node's time before.
     */
    @Override
    public void process(int firings) {
        float[] xa = a.buffer(), xb = b.buffer(), y = out.buffer();
        boolean linear = magnitude.choice() == LINEAR;
        int phaseMode = phase.choice();
        int width = n + 2;
        for (int f = 0; f < firings; f++) {
            double t = morph.next();
            int end = (f + 1) * width;
            for (int i = f * width; i < end; i += 2) {
                double ar = xa[i], ai = xa[i + 1], br = xb[i], bi = xb[i + 1];
                double ma = Math.sqrt(ar * ar + ai * ai), mb = Math.sqrt(br * br + bi * bi);
                double m = linear ? (1 - t) * ma + t * mb
                        : Math.exp((1 - t) * Math.log(Math.max(ma, FLOOR)) + t * Math.log(Math.max(mb, FLOOR)));
                if (m <= FLOOR) m = 0;
                // unit vectors of the two phases
                double uar = ma > 0 ? ar / ma : 1, uai = ma > 0 ? ai / ma : 0;
                double ubr = mb > 0 ? br / mb : 1, ubi = mb > 0 ? bi / mb : 0;
                double cr, ci;
                if (phaseMode == INTERPOLATE) {
                    // B's direction relative to A's: uB · conj(uA) = e^(i·diff), diff in (-π, π]
                    double diff = FastAtan2.atan2(ubi * uar - ubr * uai, ubr * uar + ubi * uai);
                    double rr = Math.cos(t * diff), ri = Math.sin(t * diff);
                    cr = uar * rr - uai * ri;
                    ci = uar * ri + uai * rr;
                } else if (phaseMode == FROM_A) {
                    cr = uar;
                    ci = uai;
                } else {
                    cr = ubr;
                    ci = ubi;
                }
                y[i] = (float) (m * cr);
                y[i + 1] = (float) (m * ci);
            }
        }
    }
}
