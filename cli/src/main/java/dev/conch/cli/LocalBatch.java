package dev.conch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.conch.engine.batch.BatchItem;
import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.BatchRenderer;
import dev.conch.engine.batch.ItemResult;

/**
 * A batch on this JVM: {@code jobs} threads, each rendering one item at a time with an engine of its own, and as
 * many committer threads that force each finished file to the disk and rename it over its target meanwhile. So
 * memory is jobs × (one network's buffers + one streamed input + one writer's buffer) + at most {@code jobs} files
 * waiting for the disk, however many files there are.
 */
final class LocalBatch implements AutoCloseable {
    private final ExecutorService pool;
    private final ExecutorService committers;
    /**
     * Items being rendered or waiting for the disk: one per job and one more per job, so a job waits before its next
     * item only when the disk has fallen a whole file behind.
     */
    private final Semaphore uncommitted;

    LocalBatch(int jobs) {
        pool = Executors.newFixedThreadPool(jobs, daemons("conch-job-"));
        committers = Executors.newFixedThreadPool(jobs, daemons("conch-commit-"));
        uncommitted = new Semaphore(2 * jobs);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Every item's result, in the batch's order. An output already there is kept and measured unless the job
     * forces; a failure is that item's result and the others go on.
     *
     * @throws InterruptedException when this thread is interrupted (Ctrl-C): the items in flight abort, their
     *                              targets untouched and temporary files deleted, and the files already rendered
     *                              are put in place, before this returns
     */
    List<ItemResult> run(BatchJob job, BatchRenderer renderer, BatchProgress progress) throws InterruptedException {
        Path outDir = Path.of(job.outDir());
        List<Future<CompletableFuture<ItemResult>>> futures = new ArrayList<>();
        for (BatchItem item : job.items()) {
            futures.add(pool.submit(() -> {
                Path target = outDir.resolve(item.output());
                if (!job.force() && Files.exists(target)) {
                    ItemResult kept = BatchRenderer.kept(item, target);
                    progress.done(kept);
                    return CompletableFuture.completedFuture(kept);
                }
                uncommitted.acquire();
                CompletableFuture<ItemResult> r;
                try {
                    r = renderer.render(item, item.input() == null ? null : Path.of(item.input()), target, f -> { },
                            committers);
                } catch (InterruptedException | RuntimeException e) {
                    uncommitted.release();
                    throw e;
                }
                return r.whenComplete((result, failure) -> {
                    uncommitted.release();
                    if (result != null) progress.done(result);
                });
            }));
        }
        List<ItemResult> results = new ArrayList<>();
        try {
            for (Future<CompletableFuture<ItemResult>> f : futures) results.add(f.get().get());
        } catch (InterruptedException e) {
            stop();
            throw e;
        } catch (ExecutionException e) {
            stop();
            throw new IllegalStateException("a batch job failed outside its item (a bug): " + e.getCause(), e.getCause());
        }
        return results;
    }

    /** Interrupts every job and waits for them to clean up, and for the files rendered to be put in place. */
    private void stop() {
        pool.shutdownNow();
        committers.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
            committers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        committers.shutdownNow();
    }
}
