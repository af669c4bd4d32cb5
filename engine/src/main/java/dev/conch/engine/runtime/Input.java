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
