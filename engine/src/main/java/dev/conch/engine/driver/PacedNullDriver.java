package dev.conch.engine.driver;

import java.util.concurrent.locks.LockSupport;

/**
 * A simulated sound card: calls the callback once per block period on a max-priority thread, as a device would,
 * and throws the audio away. Each callback's duration is measured against the period; a callback that finishes
 * after its deadline (the moment the device would have needed the block) is a miss. For tests and for checking a
 * network's realtime safety on a machine without a sound card.
 */
public final class PacedNullDriver implements AudioDriver {
    private final double sampleRate;
    private final int channels;
    private final int block;
    private final CallbackStats stats = new CallbackStats();
    private volatile boolean running;
    private Thread thread;
    private AudioCallback callback;

    public PacedNullDriver(double sampleRate, int channels, int block) {
        if (block < 1 || block > 8192) throw new IllegalArgumentException("block must be 1 to 8192, not " + block);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.block = block;
    }

    @Override
    public void start(AudioCallback cb) {
        if (thread != null) throw new IllegalStateException("already started");
        this.callback = cb;
        cb.configure(sampleRate, channels, block);
        running = true;
        thread = new Thread(this::run, "conch-audio-null");
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        float[][] out = new float[channels][block];
        long period = Math.round(block * 1e9 / sampleRate);
        long deadline = System.nanoTime() + period;
        while (running) {
            long start = System.nanoTime();
            boolean more = callback.process(out, block);
            long end = System.nanoTime();
            stats.record(end - start, period);
            if (end > deadline && end - start <= period) stats.recordMiss(); // woke up too late: still an xrun
            if (!more) break;
            // the device's clock does not wait for us: the next deadline is one period later, whatever happened
            deadline += period;
            long wait = deadline - period - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (deadline - System.nanoTime() < 0) deadline = System.nanoTime() + period; // resync after a stall
        }
        running = false;
    }

    /** Frames per second of wall time this driver asks for. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Blocks until the callback thread ends (a callback returned false) or {@code millis} pass. */
    public void awaitEnd(long millis) throws InterruptedException {
        if (thread != null) thread.join(millis);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) return;
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        thread = null;
        if (callback != null) {
            callback.shutdown();
            callback = null;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public CallbackStats stats() {
        return stats;
    }

    @Override
    public String describe() {
        return "null (paced, " + (int) sampleRate + " Hz, " + block + " frames)";
    }
}
