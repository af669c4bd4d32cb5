package dev.conch.engine.runtime;

/**
 * An output port. The processor writes {@code firings * rate * width} floats into {@link #buffer()} from
 * index 0; the engine hands them on to every connected input.
 */
public final class Output {
    final PortSpec spec;
    float[] buffer;
    boolean connected;
    /** Where a monitor attaches to this port ({@link Engine#tap}). */
    final MonitorTap monitor = new MonitorTap();

    Output(PortSpec spec) {
        this.spec = spec;
    }

    /** The floats {@code firings} firings write: {@code firings * rate * width}. */
    int floats(int firings) {
        return firings * spec.rate() * spec.width();
    }

    /** Points the port at the array the next firings write into, from index 0. */
    void writeTo(float[] tokens) {
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
