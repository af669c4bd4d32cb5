package dev.conch.editor.inspector;

import dev.conch.engine.runtime.ParamSpec;

/**
 * Where a param's value sits on its slider. Linear: the value itself. Log: the position 0…1 spreads the range in
 * ratios (a range from 0 is log above max/10⁵, and 0 is the far left). Powers of two: the exponent, one notch an
 * octave, so the slider cannot stop between two valid values.
 */
public record SliderScale(ParamSpec spec) {
    /** A range from 0 or below is log from here up: ten octaves of audio, 0.6 ms of a minute-long delay. */
    private static final double DECADES_BELOW_MAX = 5;

    public double sliderMin() {
        if (spec.powersOfTwo()) return Math.ceil(log2(Math.max(1, spec.min())));
        return spec.scale() == ParamSpec.Scale.LOG ? 0 : spec.min();
    }

    public double sliderMax() {
        if (spec.powersOfTwo()) return Math.floor(log2(spec.max()));
        return spec.scale() == ParamSpec.Scale.LOG ? 1 : spec.max();
    }

    public double position(double value) {
        if (spec.powersOfTwo()) return log2(Math.max(1, value));
        if (spec.scale() == ParamSpec.Scale.LINEAR) return value;
        double lo = low();
        if (value <= lo) return 0;
        return Math.log(value / lo) / Math.log(spec.max() / lo);
    }

    /** The value at a slider position, rounded as the param is read (what a release commits). */
    public double value(double position) {
        double v;
        if (spec.powersOfTwo()) v = Math.pow(2, Math.rint(position));
        else if (spec.scale() == ParamSpec.Scale.LINEAR) v = position;
        else v = position <= 0 ? spec.min() : low() * Math.pow(spec.max() / low(), position);
        return spec.round(v);
    }

    private double low() {
        return spec.min() > 0 ? spec.min() : spec.max() * Math.pow(10, -DECADES_BELOW_MAX);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
