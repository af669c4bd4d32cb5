package dev.conch.engine.runtime;

/**
 * The network's sound input: the files given with {@code conch render -i}, or the device's capture channels when
 * the network plays live. The engine hands it each callback's input ({@link #feed}); the node copies it to its
 * outputs as the schedule fires it, so it works at any block size and in any segment the schedule cuts. Channels
 * the driver does not give read silence. At most one per network, like AudioOutput.
 *
 * <p>Offline, the input is released at the network's duration like a file reader ({@link Release}): what follows
 * fades out in 10 ms while the effects ring out, so {@code -i x.wav} sounds exactly as an AudioFileReader on x.wav.
 */
@ProcessorInfo(name = "AudioInput", category = "I/O",
        description = "The network's sound input: the files given with -i, or the sound card's capture channels live.")
public final class AudioInput extends Processor {
    private static final float[][] NONE = new float[0][];
    private final Param channels = param(ParamSpec.integer("channels", "", 1, 64, 2).asStructural()
            .describe("number of input channels (outputs out1, out2, ...)"));
    private final Release fadeOut = new Release();
    private Output[] outs;
    /** The current callback's input and where this node reads next in it (audio thread only). */
    private float[][] source = NONE;
    private int position;
    private int available;

    @Override
    protected void configure() {
        outs = new Output[channels.intValue()];
        for (int c = 0; c < outs.length; c++) outs[c] = audioOut("out" + (c + 1), "input channel " + (c + 1));
    }

    public int channelCount() {
        return outs.length;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        fadeOut.prepare(ctx.sampleRate());
    }

    /**
     * Audio thread, before the schedule runs over the next {@code frames} frames: they are
     * {@code in[c][offset .. offset + frames)}. {@code in} may hold fewer channels than the node (silence then).
     */
    void feed(float[][] in, int offset, int frames) {
        source = in == null ? NONE : in;
        position = offset;
        available = frames;
    }

    @Override
    public void process(int frames) {
        int n = Math.min(frames, available);
        for (int c = 0; c < outs.length; c++) {
            float[] y = outs[c].buffer();
            if (c < source.length) System.arraycopy(source[c], position, y, 0, n);
            else java.util.Arrays.fill(y, 0, n, 0f);
            java.util.Arrays.fill(y, n, frames, 0f); // more than the engine fed: a bug elsewhere, heard as silence
            fadeOut.apply(y, frames);
        }
        fadeOut.advance(frames);
        position += n;
        available -= n;
    }

    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame);
    }

    @Override
    public void reset() {
        fadeOut.reset();
        source = NONE;
        available = 0;
    }
}
