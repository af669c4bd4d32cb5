package dev.conch.engine.driver;

import dev.conch.engine.concurrent.RealtimePriority;
import java.util.concurrent.locks.LockSupport;

/**
 * A simulated sound card: plays one block per period from a buffer of {@code bufferBlocks} blocks, as a device
 * would, and throws the audio away. The callback thread fills the buffer whenever it has room, on a max-priority
 * thread. A miss (xrun) is a block not ready when the simulated device needs it: callback {@code k} must finish by
 * {@code t0 + (k + bufferBlocks) * period}. Each callback's duration is also recorded against one period (the load).
 * For tests and for checking a network's realtime safety on a machine without a sound card.
 *
 * <p>It also measures each callback's CPU time ({@link CallbackStats#recordWork}): on a shared or virtual machine the
 * OS may not run the thread for milliseconds (a bare sleep loop on this project's 2-core CI VM wakes up to 3.5 ms
 * late), which shows as xruns that no engine could prevent; a callback that needs more CPU than its period is a miss
 * on any host.
 */
public final class PacedNullDriver implements AudioDriver {
    private final double sampleRate;
    private final int channels;
    private final int block;
    private final int bufferBlocks;
    private final CallbackStats stats = new CallbackStats();
    private volatile boolean running;
    private Thread thread;
    private int priority;
    private RealtimePriority.Outcome realtime;
    private AudioCallback callback;

    /** A device with a double buffer, like a typical sound card driver. */
    public PacedNullDriver(double sampleRate, int channels, int block) {
        this(sampleRate, channels, block, 2);
    }

    public PacedNullDriver(double sampleRate, int channels, int block, int bufferBlocks) {
        if (block < 1 || block > 8192) throw new IllegalArgumentException("block must be 1 to 8192, not " + block);
        if (bufferBlocks < 1) throw new IllegalArgumentException("the buffer holds at least one block");
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.block = block;
        this.bufferBlocks = bufferBlocks;
    }

    @Override
    public void realtimePriority(int priority) {
        if (thread != null) throw new IllegalStateException("ask for realtime priority before the driver starts");
        this.priority = RealtimePriority.checkRequest(priority);
    }

    @Override
    public RealtimePriority.Outcome realtime() {
        return realtime;
    }

    @Override
    public void start(AudioCallback cb) {
        if (thread != null) throw new IllegalStateException("already started");
        this.callback = cb;
        cb.configure(sampleRate, 0, channels, block); // no capture: RecordedInput.Feed plays a file into the input
        running = true;
        AudioThread audio = AudioThread.start("conch-audio-null", priority, this::run);
        thread = audio.thread();
        realtime = audio.realtime();
    }

    private void run() {
        float[][] out = new float[channels][block];
        float[][] in = new float[0][];
        long period = Math.round(block * 1e9 / sampleRate);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTimed = cpu.isCurrentThreadCpuTimeSupported();
        if (cpuTimed) cpu.getCurrentThreadCpuTime();
        // the device starts playing only now: the management classes above load in about 10 ms the first time, and
        // with the clock started before them the first callback was always counted as a miss
        long t0 = System.nanoTime();
        long k = 0;
        while (running) {
            // the CPU clock is read inside the wall-clock span, so a callback's CPU time can never exceed its wall
            // time (reading the CPU clock is a system call: outside, its own cost counted as CPU and not as wall)
            long start = System.nanoTime();
            long cpu0 = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
            boolean more = callback.process(in, out, block);
            long cpu1 = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
            long end = System.nanoTime();
            if (cpuTimed) stats.recordWork(cpu1 - cpu0, period);
            stats.recordLoad(end - start, period);
            long deadline = t0 + (k + bufferBlocks) * period;
            if (end > deadline) {
                stats.recordMiss();
                t0 = end - (k + 1) * period; // the device played silence and goes on from now
            }
            if (!more) break;
            k++;
            // room for block k appears when the device has taken block k - bufferBlocks, at t0 + k * period
            long wait = t0 + k * period - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
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
