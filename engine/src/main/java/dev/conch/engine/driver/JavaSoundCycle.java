package dev.conch.engine.driver;

import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * One block of a Java Sound stream, Conch's part of it: read the captured frames the {@link DriftCorrector} asks for
 * (none without input), decode them, call the callback, encode its output and write it. Kept apart from the
 * driver's thread so that it can be run (and its allocation measured) on lines made in a test.
 *
 * <p>Samples are 16-bit signed little-endian, interleaved. Input is decoded as {@code code / 32768}, as Conch's file
 * readers decode 16-bit files, so a live input and a recording of it reach the network as the same numbers. Output
 * is encoded as {@code x · 32767} rounded, full scale and beyond clipped to the end codes.
 *
 * <p>A miss is counted when the playback line's buffer has run dry before a write (the device played silence); the
 * first {@code bufferBlocks + 1} writes only fill it.
 */
final class JavaSoundCycle {
    private final AudioCallback callback;
    private final CallbackStats stats;
    private final TargetDataLine capture;
    private final SourceDataLine playback;
    private final DriftCorrector drift;
    private final int block;
    private final int bufferBlocks;
    private final long periodNanos;
    private final float[][] in;
    private final float[][] out;
    /** Room for one frame more than a block: a block that drops a frame reads it. */
    private final byte[] inBytes;
    private final byte[] outBytes;
    private final int inFrameBytes;
    private final int outFrameBytes;
    private long writes;

    /** @param capture null for output only */
    JavaSoundCycle(AudioCallback callback, CallbackStats stats, TargetDataLine capture, int inputs,
                   SourceDataLine playback, int channels, int block, int bufferBlocks, double sampleRate) {
        this.callback = callback;
        this.stats = stats;
        this.capture = capture;
        this.playback = playback;
        this.block = block;
        this.bufferBlocks = bufferBlocks;
        this.periodNanos = Math.round(block * 1e9 / sampleRate);
        this.inFrameBytes = 2 * inputs;
        this.outFrameBytes = 2 * channels;
        this.in = new float[capture == null ? 0 : inputs][block];
        this.out = new float[channels][block];
        this.inBytes = new byte[(block + 1) * inFrameBytes];
        this.outBytes = new byte[block * outFrameBytes];
        this.drift = capture == null ? null : new DriftCorrector(block, sampleRate, ahead(block, bufferBlocks));
    }

    /** The frames of silence the playback line starts with in full duplex, ahead of the input. */
    static int ahead(int block, int bufferBlocks) {
        return (bufferBlocks - 1) * block;
    }

    /**
     * Frames for the capture line's buffer. Its size adds no latency (its fill does): room for two playback buffers,
     * and at small blocks at least for the drift corrector's dead band either side of the round trip.
     */
    static int captureBufferFrames(int block, int bufferBlocks) {
        int ahead = ahead(block, bufferBlocks);
        return Math.max(2 * block * bufferBlocks, ahead + block + 4 * DriftCorrector.deadBand(ahead, block));
    }

    /** Realtime thread: one block in and out. Returns false when the callback asked to stop (after writing it). */
    boolean run() {
        if (capture != null) readInput();
        long start = System.nanoTime();
        boolean more = callback.process(in, out, block);
        stats.recordLoad(System.nanoTime() - start, periodNanos);
        encode();
        // an empty buffer before the write means the device ran dry; the first writes only fill it
        if (++writes > bufferBlocks + 1 && playback.available() >= playback.getBufferSize()) stats.recordMiss();
        playback.write(outBytes, 0, outBytes.length);
        return more;
    }

    private void readInput() {
        int inFlight = capture.available() / inFrameBytes
                + (playback.getBufferSize() - playback.available()) / outFrameBytes;
        int take = drift.framesToTake(inFlight);
        int got = capture.read(inBytes, 0, take * inFrameBytes) / inFrameBytes;
        // a dropped frame is the last one read; a duplicated one repeats the frame before it (the previous block's
        // last at block size 1); a short read (a line being closed) ends in silence
        int frames = Math.min(got, block);
        for (int c = 0; c < in.length; c++) {
            float[] x = in[c];
            float held = x[block - 1];
            for (int i = 0, k = 2 * c; i < frames; i++, k += inFrameBytes) {
                x[i] = (short) ((inBytes[k] & 0xff) | (inBytes[k + 1] << 8)) / 32768f;
            }
            if (frames < block) {
                float fill = take < block && got == take ? (frames > 0 ? x[frames - 1] : held) : 0f;
                java.util.Arrays.fill(x, frames, block, fill);
            }
        }
    }

    private void encode() {
        int channels = out.length;
        for (int i = 0, k = 0; i < block; i++) {
            for (int c = 0; c < channels; c++, k += 2) {
                float x = out[c][i];
                int s = x >= 1f ? 32767 : x <= -1f ? -32768 : (int) Math.rint(x * 32767f);
                outBytes[k] = (byte) s;
                outBytes[k + 1] = (byte) (s >> 8);
            }
        }
    }

    /** Captured frames dropped so far (the input ran fast); 0 without input. */
    long framesDropped() {
        return drift == null ? 0 : drift.dropped();
    }

    /** Captured frames played twice so far (the input ran slow); 0 without input. */
    long framesDuplicated() {
        return drift == null ? 0 : drift.duplicated();
    }
}
