package dev.conch.engine.runtime;

import java.util.Arrays;

/**
 * A sub-network's input port: the node id names the port of the node that uses the network
 * ({@code type="net:..."}). Compiling inlines the sub-network and joins what feeds that port straight to what this
 * node feeds, so an inlet costs nothing. Only when nothing feeds the port (or the network runs on its own) does the
 * node run: it then outputs silence, its {@code default} value for a control inlet, or empty frames for a spectrum
 * inlet.
 */
@ProcessorInfo(name = "Inlet", category = "Sub-network",
        description = "An input port of the network when it is used as a node (type=\"net:file.xml\").")
public final class Inlet extends Processor {
    private final Param kind = param(ParamSpec.choice("kind", "audio", "audio", "control", "spectrum").asStructural()
            .describe("what the port takes: audio, control or spectrum frames"));
    private final Param fallback = param(ParamSpec.number("default", "", -1e9, 1e9, 0)
            .describe("the value a control inlet gives when nothing is connected to it"));
    private Output out;

    @Override
    protected void configure() {
        PortKind k = kindOf(kind);
        out = output(k == PortKind.SPECTRUM ? PortSpec.spectrum("out", SpectrumFormat.DEFAULT, "the frames fed in")
                : new PortSpec("out", k, 1, 1, false, "what is fed in"));
    }

    /** The kind a sub-network port's {@code kind} param names (the choices are PortKind's labels, in its order). */
    static PortKind kindOf(Param kind) {
        return switch (kind.intValue()) {
            case 1 -> PortKind.CONTROL;
            case 2 -> PortKind.SPECTRUM;
            default -> PortKind.AUDIO;
        };
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
        float[] y = out.buffer();
        int n = firings * out.spec().width();
        float v = out.spec().kind() == PortKind.CONTROL ? (float) fallback.value() : 0f;
        Arrays.fill(y, 0, n, v);
    }
}
