package dev.conch.engine.driver;

import dev.conch.engine.concurrent.RealtimePriority;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The thread a driver runs its callbacks on, when the driver has one of its own (JACK brings its own). */
record AudioThread(Thread thread, RealtimePriority.Outcome realtime) {

    /**
     * Starts {@code loop} on a daemon thread at Java's highest priority and, when {@code priority} is 1..99, with
     * {@code SCHED_FIFO} at that priority; returns once the thread has asked, so what the OS answered can be
     * reported before the first callback ({@link #realtime} is null when nothing was asked).
     */
    static AudioThread start(String name, int priority, Runnable loop) {
        AtomicReference<RealtimePriority.Outcome> outcome = new AtomicReference<>();
        CountDownLatch asked = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            if (priority > 0) outcome.set(RealtimePriority.raiseCurrentThread(priority));
            asked.countDown();
            loop.run();
        }, name);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                asked.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return new AudioThread(thread, outcome.get());
    }
}
