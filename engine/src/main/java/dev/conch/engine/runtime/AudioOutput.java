package dev.conch.engine.runtime;

/**
 * The network's output: what {@code conch play} plays and {@code conch render -o} writes. The engine copies its
 * inputs into the driver's channel buffers, guarding them (NaN/Inf become 0). At most one per network.
 */
@ProcessorInfo(name = "AudioOutput", category = "I/O",
        description = "The network's output: played live or rendered with -o; one input per channel.")
public final class AudioOutput extends Processor {
    private final Param channels = param(ParamSpec.integer("channels", "", 1, 64, 2).asStructural()
            .describe("number of output channels (inputs in1, in2, ...)"));
    private Input[] ins;

    @Override
    protected void configure() {
        ins = new Input[channels.intValue()];
        for (int c = 0; c < ins.length; c++) {
            ins[c] = input(PortSpec.audio("in" + (c + 1), "channel " + (c + 1)).asOptional());
        }
    }

    public int channelCount() {
        return ins.length;
    }

    @Override
    public void prepare(ProcessContext ctx) {
    }

    /** The engine reads this node's inputs directly; there is nothing to compute. */
    @Override
    public void process(int frames) {
    }

    Input channel(int c) {
        return ins[c];
    }
}
