package dev.conch.engine.runtime;

/**
 * The network's sound input: the files given with {@code conch render -i}, or the device's capture channels when
 * the network plays live. The engine queues each callback's input ({@link #push}); the node takes it from the queue
 * as the schedule fires it, so it works at any block size and in any segment the schedule cuts. Channels the driver
 * does not give read silence. At most one per network, like AudioOutput.
 *
 * <p>A multi-rate chain (an STFT) makes the schedule fire its source ahead of the frames played; the input cannot be
 * read before it arrives, so the node plays it {@link #lead()} frames late, the most the schedule runs ahead
 * ({@link InputLookahead}): 0 for a plain chain, hop - 1 through an STFT. The same at every block size, live and
 * offline.
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
    /** The input queued and not yet played, a ring per channel (audio thread only once the network runs). */
    private float[][] queue = NONE;
    private int lead;
    private int read;
    private int queued;

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
     * Sizes the queue for a schedule that fires this node up to {@code lead} frames ahead of the frames played and
     * runs segments of at most {@code maxBlock} frames, and fills it with {@code lead} frames of silence. Off the
     * audio thread, once the schedule is built.
     */
    void lead(int lead, int maxBlock) {
        this.lead = lead;
        this.queue = new float[outs.length][lead + maxBlock];
        reset();
    }

    /** Frames the input is played late: what the network's multi-rate chains need to run ahead. */
    public int lead() {
        return lead;
    }

    /**
     * Audio thread, before the schedule runs over the next {@code frames} frames: queues
     * {@code in[c][offset .. offset + frames)}. {@code in} may be null or hold fewer channels (silence then).
     */
    void push(float[][] in, int offset, int frames) {
        int length = queue.length == 0 ? 0 : queue[0].length;
        int n = Math.min(frames, length - queued); // never fuller than the schedule can ask for (see lead)
        int at = (read + queued) % Math.max(1, length);
        for (int c = 0; c < queue.length; c++) {
            float[] q = queue[c];
            float[] x = in != null && c < in.length ? in[c] : null;
            int first = Math.min(n, length - at);
            if (x != null) {
                System.arraycopy(x, offset, q, at, first);
                System.arraycopy(x, offset + first, q, 0, n - first);
            } else {
                java.util.Arrays.fill(q, at, at + first, 0f);
                java.util.Arrays.fill(q, 0, n - first, 0f);
            }
        }
        queued += n;
    }

    @Override
    public void process(int frames) {
        int length = queue.length == 0 ? 0 : queue[0].length;
        int n = Math.min(frames, queued);
        int first = Math.min(n, length - read);
        for (int c = 0; c < outs.length; c++) {
            float[] y = outs[c].buffer();
            float[] q = queue[c];
            System.arraycopy(q, read, y, 0, first);
            System.arraycopy(q, 0, y, first, n - first);
            java.util.Arrays.fill(y, n, frames, 0f); // asked beyond the lead: a schedule bug, heard as silence
            fadeOut.apply(y, frames);
        }
        fadeOut.advance(frames);
        if (length > 0) read = (read + n) % length;
        queued -= n;
    }

    /**
     * The input's frame {@code atFrame} comes out of this node {@link #lead} frames later: the fade starts there, so
     * the input's last frames before the duration are heard whole (released at {@code atFrame} itself, the last
     * {@code lead} of them faded out and fell silent).
     */
    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame + lead);
    }

    @Override
    public void reset() {
        fadeOut.reset();
        for (float[] q : queue) java.util.Arrays.fill(q, 0f);
        read = 0;
        queued = lead;
    }
}
