package dev.conch.processors.control;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;

/**
 * Takes the steps out of a control, sample by sample. With T = {@code time} in seconds:
 * <ul>
 *   <li>onepole: y[n] = y[n−1] + a · (x[n] − y[n−1]), a = 1 − e^(−1 / (T · firingRate)). A step of the input
 *       is followed as 1 − e^(−(k + 1) / (T · firingRate)) of the way after k samples: T is the time constant
 *       (63 % of the way after T, 99 % after 4.6 T).</li>
 *   <li>ramp: whenever the input differs from the value being approached, a new straight ramp starts from the
 *       current output to the input, N = round(T · firingRate) samples long: y = start + (x − start) · (k + 1) / N
 *       for k = 0 … N − 1 (the same convention as a param's own smoothing). A step is followed in exactly T; an
 *       input that moves every sample restarts the ramp every sample and is followed as a one-pole with a = 1/N.</li>
 * </ul>
 * The output starts at the first input value (a control that starts at 1000 does not glide up from 0).
 * {@code time} is read per sample, so modulating it is sample-accurate. A NaN input holds the output where it is.
 *
 * <p>"Sample" above means firing: a control source fires once per firing of the node it drives (once per sample for
 * an audio node, once per hop for a spectral one), and firingRate = sampleRate / samplesPerFiring (from
 * {@link ProcessContext}) keeps its times in seconds either way.
 */
@ProcessorInfo(name = "Smooth", category = "Control",
        description = "Smooths a control with a one-pole filter (time constant) or linear ramps of a fixed length.")
public final class Smooth extends Processor {
    private final Input in = controlIn("in", "the control to smooth");
    private final Output out = controlOut("out", "the smoothed control");
    private final Param mode = param(ParamSpec.choice("mode", "onepole", "onepole", "ramp")
            .describe("onepole: exponential approach with time constant time; ramp: straight lines lasting time"));
    private final Param time = param(ParamSpec.number("time", "ms", 0, 60000, 50).perSample()
            .describe("time constant (onepole) or ramp length (ramp)"));

    private double firingRate;
    private boolean started;
    private double y;
    /** onepole: the coefficient and the time it was computed for */
    private double coefficient;
    private double coefficientMs = -1;
    /** ramp: start, target, length and samples done */
    private double rampStart;
    private double rampTarget;
    private long rampLength;
    private long rampDone;

    @Override
    public void prepare(ProcessContext ctx) {
        firingRate = ctx.firingsPerSecond(); // a control driving a spectral node fires once per frame
        coefficientMs = -1;
        reset();
    }

    @Override
    public void reset() {
        started = false;
        y = 0;
        rampStart = rampTarget = 0;
        rampLength = rampDone = 0;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), out = this.out.buffer();
        boolean ramp = mode.choice() == 1;
        boolean steady = time.steady();
        double ms0 = time.value();
        for (int i = 0; i < frames; i++) {
            double ms = steady ? ms0 : time.next();
            double v = x[i];
            if (v != v) v = started ? y : 0;   // a NaN upstream would stick in the filter's memory forever: hold
            if (!started) {
                started = true;
                y = rampStart = rampTarget = v;
                rampLength = rampDone = 0;
            } else if (ramp) {
                if (v != rampTarget) {
                    rampStart = y;
                    rampTarget = v;
                    rampLength = Math.round(ms * 0.001 * firingRate);
                    rampDone = 0;
                }
                if (rampDone < rampLength) {
                    rampDone++;
                    // from the ramp's own start, not an accumulated sum: lands exactly on the target
                    y = rampDone == rampLength ? rampTarget
                            : rampStart + (rampTarget - rampStart) * (rampDone / (double) rampLength);
                } else {
                    y = rampTarget;
                }
            } else {
                if (ms != coefficientMs) {
                    coefficientMs = ms;
                    coefficient = ms <= 0 ? 1 : 1 - Math.exp(-1 / (ms * 0.001 * firingRate));
                }
                y += coefficient * (v - y);
                y = Dsp.flush(y); // a long decay towards 0
            }
            out[i] = (float) y;
        }
    }
}
