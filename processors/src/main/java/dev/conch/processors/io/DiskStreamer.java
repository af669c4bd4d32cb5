package dev.conch.processors.io;

import dev.conch.engine.concurrent.SpscAudioRing;
import dev.conch.engine.io.AudioFileStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams a file from disk for {@link AudioFileReader}: a daemon reader thread runs the {@link PlaybackPlan}
 * (start, end, loop, crossfade) over an {@link AudioFileStream} and pushes the frames into an
 * {@link SpscAudioRing}; the audio thread only polls the ring (array copies, no lock, no allocation, no I/O).
 *
 * <p>Seek without a lock: the audio thread bumps a request counter (a volatile long) and, until the reader
 * thread acknowledges it, discards whatever is in the ring and plays silence; the reader thread stops producing
 * for the old position, waits for the ring to empty, moves the plan and acknowledges. So no frame from before a
 * seek is ever played after it. Live, a seek therefore costs a few milliseconds of silence; offline,
 * {@link #awaitData} waits for the reader so renders stay exact.
 */
final class DiskStreamer {
    private static final long IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final AudioFileStream stream;
    private final PlaybackPlan plan;
    private final SpscAudioRing ring;
    private final int chunk;
    private final Thread thread;
    private final float[][] discard;

    private volatile boolean stop;
    private volatile boolean finished;
    private volatile IOException failure;
    /** Written by the audio thread only. */
    private volatile long seekRequests;
    private volatile long seekFrame;
    /** Written by the reader thread only. */
    private volatile long seekAcks;
    private long underrunFrames;

    DiskStreamer(AudioFileStream stream, PlaybackPlan plan, int ringFrames, int chunk) {
        this.stream = stream;
        this.plan = plan;
        this.chunk = chunk;
        this.ring = new SpscAudioRing(stream.channels(), ringFrames);
        this.discard = new float[stream.channels()][ringFrames];
        this.thread = new Thread(this::readLoop, "conch-reader-" + stream.file().getFileName());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Audio thread: polls up to {@code frames} frames into {@code dst[c][0..)}, silence for what is missing. */
    int poll(float[][] dst, int frames) {
        if (seekAcks != seekRequests) {
            ring.poll(discard, discard[0].length); // stale frames from before the seek
            silence(dst, 0, frames);
            return 0;
        }
        int n = ring.poll(dst, frames);
        if (n < frames) {
            if (!finished) underrunFrames += frames - n;
            silence(dst, n, frames);
        }
        return n;
    }

    /** Audio thread: asks the reader to move to {@code frame}. */
    void seek(long frame) {
        seekFrame = frame;
        seekRequests = seekRequests + 1; // single writer: no lost update
    }

    /** Offline only, off the audio thread: waits until {@code frames} frames are ready or the plan has ended. */
    void awaitData(int frames) throws InterruptedException {
        while (failure == null && thread.isAlive()) {
            if (seekAcks != seekRequests) {
                ring.poll(discard, discard[0].length); // 'finished' may still describe the old position
            } else if (ring.availableFrames() >= frames || finished) {
                return;
            }
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            if (Thread.interrupted()) throw new InterruptedException("interrupted while reading " + stream.file());
        }
    }

    long underrunFrames() {
        return underrunFrames;
    }

    IOException failure() {
        return failure;
    }

    void close() {
        stop = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        stream.close();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void readLoop() {
        float[][] block = new float[stream.channels()][chunk];
        PlaybackPlan.Source source = (frame, dst, offset, n) -> {
            stream.seek(frame);
            int got = stream.read(dst, offset, n);
            if (got != n) throw new IOException(stream.file() + " became shorter while it was being played");
        };
        long acked = 0;
        int pending = 0; // frames in block not yet offered
        try {
            while (!stop) {
                long req = seekRequests;
                if (req != acked) {
                    pending = 0;
                    finished = false;
                    if (ring.freeFrames() < ring.capacity()) { // the audio thread is still discarding old frames
                        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                        continue;
                    }
                    plan.seek(seekFrame);
                    acked = req;
                    seekAcks = req;
                }
                if (pending == 0 && !finished) {
                    pending = plan.fill(source, block, 0, chunk); // short only at the end of a finite plan
                    if (pending == 0) {
                        finished = true;
                        continue;
                    }
                }
                if (pending > 0 && ring.freeFrames() >= pending) {
                    ring.offer(block, 0, pending);
                    pending = 0;
                    continue;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            finished = true;
        }
    }

    private static void silence(float[][] dst, int from, int to) {
        for (float[] ch : dst) for (int i = from; i < to; i++) ch[i] = 0f;
    }
}
