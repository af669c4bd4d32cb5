package dev.conch.engine.runtime;

/**
 * An output port. The processor writes {@code firings * rate * width} floats into {@link #buffer()} from
 * index 0; the engine hands them on to every connected input.
 */
public final class Output {
    final PortSpec spec;
    float[] buffer;
    boolean connected;
    /** A monitor reading this port (set from a control thread through {@link Engine#tap}), or null. */
    volatile dev.conch.engine.concurrent.SpscAudioRing tap;
    /** One-element view of {@link #buffer} for the tap's offer, allocated once. */
    final float[][] tapView = new float[1][];

    Output(PortSpec spec) {
        this.spec = spec;
    }

    public PortSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public float[] buffer() {
        return buffer;
    }

    public boolean connected() {
        return connected;
    }
}
