package dev.conch.engine.concurrent;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Realtime scheduling (Linux {@code SCHED_FIFO}) for the thread that asks, so a busy machine cannot preempt the
 * audio thread or a worker between callbacks: a FIFO thread runs until it blocks or yields, ahead of every normal
 * thread. It is asked for once, when the thread starts, never from a callback (the call goes through JNA and
 * allocates).
 *
 * <pre>{@code
 * RealtimePriority.Outcome o = RealtimePriority.raiseCurrentThread(RealtimePriority.AUDIO);
 * if (!o.granted()) System.err.println("note: " + o.why());
 * }</pre>
 *
 * <p>Linux permits it to root, to a process with {@code CAP_SYS_NICE}, or to a user whose {@code rtprio} limit
 * allows the priority ({@code ulimit -r}; e.g. {@code @audio - rtprio 95} in {@code /etc/security/limits.conf}).
 * The kernel's realtime throttling ({@code /proc/sys/kernel/sched_rt_runtime_us}, 95 % by default) keeps a
 * runaway FIFO thread from freezing the machine.
 */
public final class RealtimePriority {
    /** The audio thread's priority: below JACK's own (its clients run at 70 and up by default) and above most. */
    public static final int AUDIO = 60;
    /** The workers' priority: one below the audio thread, which waits for them. */
    public static final int WORKER = AUDIO - 1;

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;

    /** Whether a thread runs with the priority it asked for, and if not, one sentence on why and what to do. */
    public record Outcome(boolean granted, int priority, String why) {
    }

    private RealtimePriority() {
    }

    /** A priority a thread may be set to ask for: 1..99, or 0 for none. Returns it; refuses anything else. */
    public static int checkRequest(int priority) {
        if (priority < 0 || priority > 99) {
            throw new IllegalArgumentException("a realtime priority is 0 (none) to 99, not " + priority);
        }
        return priority;
    }

    /** Asks for {@code SCHED_FIFO} at {@code priority} (1..99) for the calling thread; never throws. */
    public static Outcome raiseCurrentThread(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("a realtime priority is 1 to 99, not " + priority);
        }
        if (!isLinux()) {
            return new Outcome(false, priority, "realtime priority is only asked for on Linux; the audio threads run at "
                    + "normal priority on " + System.getProperty("os.name"));
        }
        try {
            LibC.INSTANCE.sched_setscheduler(0, SCHED_FIFO, new int[] {priority});
            return new Outcome(true, priority, "");
        } catch (LastErrorException e) {
            String why = e.getErrorCode() == EPERM
                    ? "the system does not permit realtime priority " + priority + " to this user, so the audio threads "
                            + "run at normal priority and a busy machine can make them miss deadlines; allow it with an "
                            + "rtprio limit (e.g. '@audio - rtprio 95' in /etc/security/limits.conf, then log in again) "
                            + "or run through JACK (--driver jack)"
                    : "realtime priority " + priority + " was refused (errno " + e.getErrorCode() + "), so the audio "
                            + "threads run at normal priority";
            return new Outcome(false, priority, why);
        } catch (LinkageError e) {
            return new Outcome(false, priority, "realtime priority needs the C library through JNA, which did not load ("
                    + e.getMessage() + "), so the audio threads run at normal priority");
        }
    }

    /** Back to normal scheduling for the calling thread (for a thread that goes on with other work). */
    public static void lowerCurrentThread() {
        if (!isLinux()) return;
        try {
            LibC.INSTANCE.sched_setscheduler(0, SCHED_OTHER, new int[] {0});
        } catch (LastErrorException | LinkageError ignored) {
            // it stays as it was: nothing more to do
        }
    }

    /** The calling thread's scheduling policy as the kernel reports it: 0 normal, 1 FIFO; -1 when unknown. */
    public static int currentPolicy() {
        if (!isLinux()) return -1;
        try {
            return LibC.INSTANCE.sched_getscheduler(0);
        } catch (LastErrorException | LinkageError e) {
            return -1;
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** pid 0 means the calling thread: Linux schedules threads, and these calls take a thread id. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        int sched_getscheduler(int pid) throws LastErrorException;
    }
}
