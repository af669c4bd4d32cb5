package dev.conch.engine.runtime;

/**
 * An output port. The processor writes {@code firings * rate * width} floats into {@link #buffer()} from
 * index 0; the engine hands them on to every connected input.
 */
public final class Output {
    final PortSpec spec;
    float[] buffer;
    boolean connected;

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
