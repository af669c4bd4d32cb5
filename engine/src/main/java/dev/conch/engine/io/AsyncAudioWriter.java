package dev.conch.engine.io;

import dev.conch.engine.concurrent.SpscAudioRing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a WAV file from the audio thread without doing I/O there. The audio thread copies each block into an
 * {@link SpscAudioRing} ({@link #offer}: plain array copies and one release store; no lock, no allocation, no
 * wake-up call); a daemon writer thread polls the ring every ~1 ms ({@code LockSupport.parkNanos}) and streams
 * what it finds into an {@link AudioWriter} (WAV, AIFF or FLAC). {@link #close()} drains the rest and renames the finished file over the
 * target; {@link #abort()} throws it away.
 *
 * <p>Live, a full ring means the disk fell behind: the block is dropped and counted (the stream must go on).
 * Offline, the renderer calls {@link #awaitSpace} before each callback so nothing is ever dropped.
 *
 * <p>Threads: {@link #offer} from one producer thread (the audio thread); everything else from a control thread,
 * never concurrently with itself.
 */
public final class AsyncAudioWriter {
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long AWAIT_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Most frames the writer thread moves per poll: bounds its scratch buffer. */
    private static final int CHUNK = 4096;
    static final int RING_SECONDS = 4;

    /** What {@link #close()} achieved. */
    public record Result(Path file, long framesWritten, long framesDropped, long blocksDropped, Clipping clipping) {
    }

    private final AudioWriter writer;
    private final SpscAudioRing ring;
    private final Thread thread;
    private final int maxBlock;

    /** Written by the audio thread only on a drop (rare), read after close: volatile keeps it simple. */
    private volatile long framesDropped;
    private volatile long blocksDropped;
    private volatile boolean closing;
    private volatile boolean aborting;
    /** Tests: while set, the writer thread does not poll, as if the disk had stalled. */
    private volatile boolean stalled;
    /** Set by the writer thread; once set it stops writing and discards what arrives. */
    private volatile IOException failure;
    private boolean finished;

    private AsyncAudioWriter(AudioWriter writer, int ringFrames, int maxBlock) {
        this.writer = writer;
        this.maxBlock = maxBlock;
        this.ring = new SpscAudioRing(writer.channels(), ringFrames);
        this.thread = new Thread(this::drainLoop, "conch-writer-" + writer.target().getFileName());
        this.thread.setDaemon(true);
    }

    /**
     * Opens the temporary file and starts the writer thread. The ring holds {@value #RING_SECONDS} seconds of audio
     * or eight of the largest blocks, whichever is more: long enough to ride out the disk's pauses while it flushes
     * (live) and to keep a render going meanwhile (offline, where seconds of audio take milliseconds).
     *
     * @param maxBlock the most frames one {@link #offer} will bring
     */
    public static AsyncAudioWriter open(Path target, int channels, double sampleRate, SampleFormat format, int maxBlock)
            throws IOException {
        return open(target, channels, sampleRate, WriteOptions.forTarget(target, format), maxBlock);
    }

    /** As {@link #open(Path, int, double, SampleFormat, int)} with an explicit ring size (tests). */
    static AsyncAudioWriter open(Path target, int channels, double sampleRate, SampleFormat format, int maxBlock,
                                 int ringFrames) throws IOException {
        if (ringFrames < maxBlock) throw new IllegalArgumentException("the ring must hold at least one block");
        return open(target, channels, sampleRate, WriteOptions.forTarget(target, format), maxBlock, ringFrames);
    }

    /**
     * As {@link #open(Path, int, double, SampleFormat, int)} with the container, dither and metadata of
     * {@code options}. (The plain form picks WAV, AIFF or FLAC from the target's extension.)
     */
    public static AsyncAudioWriter open(Path target, int channels, double sampleRate, WriteOptions options, int maxBlock)
            throws IOException {
        if (maxBlock < 1) throw new IllegalArgumentException("maxBlock must be at least 1, not " + maxBlock);
        int ringFrames = (int) Math.max(Math.ceil(RING_SECONDS * sampleRate), 8L * maxBlock);
        return open(target, channels, sampleRate, options, maxBlock, ringFrames);
    }

    static AsyncAudioWriter open(Path target, int channels, double sampleRate, WriteOptions options, int maxBlock,
                                 int ringFrames) throws IOException {
        if (ringFrames < maxBlock) throw new IllegalArgumentException("the ring must hold at least one block");
        AudioWriter w = AudioWriter.open(target, channels, sampleRate, options);
        AsyncAudioWriter a = new AsyncAudioWriter(w, ringFrames, maxBlock);
        a.thread.start();
        return a;
    }

    public Path target() {
        return writer.target();
    }

    /** The temporary file being written until {@link #close()}. */
    public Path tempFile() {
        return writer.tempFile();
    }

    public int ringCapacity() {
        return ring.capacity();
    }

    /**
     * Audio thread: queues {@code block[c][0 .. frames)} for writing. Never blocks, locks or allocates.
     *
     * @return false when the ring was full and the block was dropped (counted for {@link Result})
     */
    public boolean offer(float[][] block, int frames) {
        if (ring.offer(block, 0, frames)) return true;
        framesDropped += frames; // only this thread writes the counters
        blocksDropped++;
        return false;
    }

    /**
     * Offline rendering, off the audio thread: waits until {@code frames} more frames fit, parking briefly. Returns
     * at once if the writer thread has failed or stopped (the failure is reported by {@link #close()}).
     */
    public void awaitSpace(int frames) throws InterruptedException {
        if (frames > ring.capacity()) {
            throw new IllegalArgumentException(frames + " frames can never fit a ring of " + ring.capacity());
        }
        while (ring.freeFrames() < frames && failure == null && thread.isAlive()) {
            LockSupport.parkNanos(this, AWAIT_PARK_NANOS);
            if (Thread.interrupted()) throw new InterruptedException("interrupted while waiting to write " + target());
        }
    }

    /** Frames dropped so far because the ring was full. */
    public long framesDropped() {
        return framesDropped;
    }

    /**
     * After the last {@link #offer}: writes what is still queued, finishes the file and moves it over the target.
     *
     * @throws IOException naming the file if writing failed at any point (the temporary file is then deleted and
     *                     the target left as it was)
     */
    public Result close() throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already closed");
        finished = true;
        closing = true;
        LockSupport.unpark(thread);
        joinUninterruptibly();
        IOException f = failure;
        if (f != null) {
            writer.abort();
            throw new IOException("could not write " + target() + ": " + f.getMessage(), f);
        }
        long written = writer.framesWritten();
        writer.commit();
        return new Result(target(), written, framesDropped, blocksDropped, writer.clipping());
    }

    /** Stops the writer thread and deletes the temporary file; the target stays as it was. Safe to repeat. */
    public void abort() {
        finished = true;
        aborting = true;
        LockSupport.unpark(thread);
        joinUninterruptibly();
        writer.abort();
    }

    /** Tests: stops (true) or resumes (false) the writer thread's polling, to simulate a disk that falls behind. */
    void stallForTest(boolean stall) {
        stalled = stall;
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void drainLoop() {
        float[][] scratch = new float[ring.channels()][Math.max(CHUNK, maxBlock)];
        while (!aborting) {
            // read the flag before polling: if it is set and the poll then finds nothing, every offer made before
            // close() has been seen (the volatile write/read of closing orders them)
            boolean last = closing;
            if (stalled && !last) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            int n = ring.poll(scratch, scratch[0].length);
            if (n > 0) {
                if (failure == null) {
                    try {
                        writer.write(scratch, 0, n);
                    } catch (IOException | RuntimeException e) {
                        failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                    }
                }
                continue; // after a failure keep draining so the producer never waits on a dead writer
            }
            if (last) return;
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
    }
}
