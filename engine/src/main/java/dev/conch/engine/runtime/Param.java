package dev.conch.engine.runtime;

/**
 * A parameter as a running processor sees it. Block-rate params are read with {@link #value()} once per
 * process call; per-sample params with {@link #next()} once per sample, which follows smoothing ramps and
 * control connections sample by sample.
 *
 * <p>Only the audio thread touches a Param once the network runs; live changes reach it through the
 * engine's control queue, never by calling {@link #set} from another thread.
 */
public final class Param {
    private final ParamSpec spec;
    private double value;
    /** The value the network file gave, or the default: where {@link #restore} takes it back to. */
    private double initial;
    private double target;
    private double step;
    private int remaining;
    private int rampSamples;
    private String text;

    /** Control connection feeding this param for the current firing, or null; how it combines (ControlMode order). */
    private float[] control;
    private int controlPos;
    private int controlMode;
    /** Set when the network is compiled: a control link or automation drives this param. */
    private boolean driven;
    static final int REPLACE = 0, ADD = 1, MULTIPLY = 2;

    Param(ParamSpec spec) {
        this.spec = spec;
        this.text = spec.defaultText();
        this.value = this.target = this.initial = spec.type() == ParamType.TEXT ? 0 : spec.defaultValue();
    }

    public ParamSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The value for this block (with a control connection: combined with its first value in the block). */
    public double value() {
        if (control != null) return combine(target, control[controlPos]);
        return target;
    }

    /** The value for the next sample: follows the smoothing ramp and any control connection. */
    public double next() {
        if (remaining > 0) {
            if (--remaining == 0) {
                value = target;
            } else {
                value += step;
            }
        }
        if (control != null) return combine(value, control[controlPos++]);
        return value;
    }

    private double combine(double own, float c) {
        return switch (controlMode) {
            case ADD -> clamp(own + c);
            case MULTIPLY -> clamp(own * c);
            default -> clamp(c);
        };
    }

    /** True when {@link #next()} would return the same value for the rest of the block: lets loops hoist it. */
    public boolean steady() {
        return control == null && remaining == 0;
    }

    /**
     * True when a control connection or automation drives this param, so its value can change between the runs of
     * frames inside one callback, not only between callbacks. A processor that can follow a change only between
     * callbacks (a disk streamer's seek) refuses such a param in prepare.
     */
    public boolean driven() {
        return driven;
    }

    public int choice() {
        return (int) value();
    }

    public boolean on() {
        return value() != 0;
    }

    public int intValue() {
        return (int) Math.round(value());
    }

    /** The raw text from the network file (file paths, tables). */
    public String text() {
        return text;
    }

    /** Sets the value now: starts a smoothing ramp for smoothed per-sample params, jumps otherwise. */
    public void set(double v) {
        double clamped = clamp(v);
        target = clamped;
        if (rampSamples > 0 && spec.rate() == ParamRate.SAMPLE) {
            remaining = rampSamples;
            step = (target - value) / rampSamples;
        } else {
            value = clamped;
            remaining = 0;
        }
    }

    /** Sets the value with no ramp: the initial value, as the network file gives it. */
    public void jump(double v) {
        target = value = initial = clamp(v);
        remaining = 0;
    }

    /** Back to the initial value, with no ramp: whatever live changes set since is forgotten. */
    void restore() {
        target = value = initial;
        remaining = 0;
    }

    void setText(String t) {
        this.text = t;
    }

    void prepare(double sampleRate) {
        rampSamples = (int) Math.round(spec.smoothingMs() * 0.001 * sampleRate);
    }

    void controlMode(int mode) {
        controlMode = mode;
        driven = true;
    }

    void attachControl(float[] values, int offset) {
        control = values;
        controlPos = offset;
    }

    boolean hasControl() {
        return control != null;
    }

    private double clamp(double v) {
        if (spec.type() == ParamType.TEXT) return v;
        // a NaN from a control connection must not reach the DSP: hold the range's bottom instead
        if (!(v >= spec.min())) return spec.min();
        return Math.min(v, spec.max());
    }
}
