package dev.conch.engine.runtime;

/**
 * A sub-network's output port: the node id names the port of the node that uses the network
 * ({@code type="net:..."}). Compiling inlines the sub-network and takes the port's signal straight from what feeds
 * this node, so an outlet costs nothing; run on its own (a sub-network file rendered by itself) it discards its input.
 */
@ProcessorInfo(name = "Outlet", category = "Sub-network",
        description = "An output port of the network when it is used as a node (type=\"net:file.xml\").")
public final class Outlet extends Processor {
    private final Param kind = param(ParamSpec.choice("kind", "audio", "audio", "control", "spectrum").asStructural()
            .describe("what the port gives: audio, control or spectrum frames"));

    @Override
    protected void configure() {
        PortKind k = Inlet.kindOf(kind);
        input(k == PortKind.SPECTRUM ? PortSpec.spectrum("in", inputFormat("in"), "the frames given out")
                : new PortSpec("in", k, 1, 1, false, "what is given out"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    @Override
    public void process(int firings) {
    }
}
