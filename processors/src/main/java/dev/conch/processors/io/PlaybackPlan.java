package dev.conch.processors.io;

import java.io.IOException;

/**
 * The exact sequence of frames a file reader plays, as a pure function of its settings: begin at {@code start};
 * play to {@code end}; then stop, or with loop jump back to {@code loopStart} and play the region
 * [loopStart, end) again forever. With a crossfade of {@code xfade} frames, the last xfade frames before
 * {@code end} are mixed linearly with the xfade frames just before {@code loopStart}, so the jump joins material
 * that was continuous in the file (no click at the seam). The crossfade is clamped to the region length and
 * to the pre-roll available before loopStart (0 when loopStart is 0: then the loop is sample-exact).
 *
 * <p>Used on the audio thread (file in memory) or on the reader thread (file streamed): the same code, so both
 * modes give identical samples, at any block size. Never allocates after construction.
 */
final class PlaybackPlan {
    /** Random access to the file's frames. */
    interface Source {
        void read(long frame, float[][] dst, int offset, int frames) throws IOException;
    }

    private final long start;
    private final long end;
    private final long loopStart;
    private final boolean loop;
    private final int xfade;
    private final float[][] scratch;
    private long position;

    /**
     * @param maxChunk the most frames one {@link #fill} call asks for (sizes the crossfade scratch)
     */
    PlaybackPlan(long length, long start, long end, long loopStart, boolean loop, int xfade, int channels, int maxChunk) {
        this.end = end <= 0 || end > length ? length : end;
        this.loopStart = Math.max(0, Math.min(loopStart, this.end - 1));
        this.loop = loop && this.end > this.loopStart;
        long region = this.end - this.loopStart;
        this.xfade = !this.loop ? 0 : (int) Math.max(0, Math.min(Math.min(xfade, this.loopStart), region / 2));
        long s = Math.max(0, start);
        if (this.loop && s >= this.end) s = this.loopStart + (s - this.loopStart) % region;
        this.start = s;
        this.position = s;
        this.scratch = new float[channels][Math.max(1, Math.min(maxChunk, Math.max(this.xfade, 1)))];
    }

    long position() {
        return position;
    }

    /** Frames of crossfade actually used at the seam. */
    int crossfade() {
        return xfade;
    }

    void reset() {
        position = start;
    }

    /** Moves the playhead to {@code frame} of the file (clamped; with loop, wrapped into the region past its end). */
    void seek(long frame) {
        long f = Math.max(0, frame);
        if (loop && f >= end) f = loopStart + (f - loopStart) % (end - loopStart);
        position = Math.min(f, end);
    }

    /**
     * Writes the next {@code frames} frames into {@code dst[c][offset ..]}; silence once a non-looping plan is done.
     *
     * @return frames of real audio written (the rest was silence)
     */
    int fill(Source src, float[][] dst, int offset, int frames) throws IOException {
        int done = 0;
        while (done < frames) {
            if (position >= end) {
                if (!loop) break;
                position = loopStart;
            }
            int n = (int) Math.min(frames - done, end - position);
            src.read(position, dst, offset + done, n);
            long fadeFrom = end - xfade;
            if (xfade > 0 && position + n > fadeFrom) {
                mixSeam(src, dst, offset + done, n, fadeFrom);
            }
            position += n;
            done += n;
        }
        for (float[] ch : dst) for (int i = done; i < frames; i++) ch[offset + i] = 0f;
        return done;
    }

    /** Mixes the pre-roll before loopStart into the frames of this run that fall in [end - xfade, end). */
    private void mixSeam(Source src, float[][] dst, int at, int n, long fadeFrom) throws IOException {
        long first = Math.max(position, fadeFrom);
        long last = position + n; // exclusive, <= end
        while (first < last) {
            int m = (int) Math.min(last - first, scratch[0].length);
            long k0 = first - fadeFrom; // index within the fade, 0 .. xfade-1
            src.read(loopStart - xfade + k0, scratch, 0, m);
            for (int c = 0; c < dst.length; c++) {
                float[] y = dst[c];
                float[] pre = scratch[c];
                int base = at + (int) (first - position);
                for (int i = 0; i < m; i++) {
                    // w rises from just above 0 to just below 1: the mix is symmetric around the seam
                    float w = (float) ((k0 + i + 0.5) / xfade);
                    y[base + i] = y[base + i] * (1 - w) + pre[i] * w;
                }
            }
            first += m;
        }
    }
}
