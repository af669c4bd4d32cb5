package dev.conch.engine.runtime;

/**
 * An input port. Before each {@link Processor#process(int)} the engine points {@link #buffer()} at the
 * tokens for this call, starting at index 0: {@code firings * rate * width} floats. An unconnected optional
 * input reads zeros.
 */
public final class Input {
    final PortSpec spec;
    float[] buffer;
    boolean connected;

    Input(PortSpec spec) {
        this.spec = spec;
    }

    /** The floats {@code firings} firings read: {@code firings * rate * width}. */
    int floats(int firings) {
        return firings * spec.rate() * spec.width();
    }

    /** Points the port at the tokens the next firings read, from index 0. */
    void readFrom(float[] tokens) {
        buffer = tokens;
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
