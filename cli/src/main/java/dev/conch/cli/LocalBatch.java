package dev.conch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.conch.engine.batch.BatchItem;
import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.BatchRenderer;
import dev.conch.engine.batch.ItemResult;

/**
 * A batch on this JVM: {@code jobs} threads, each rendering one item at a time with an engine of its own, so memory
 * is jobs × (one network's buffers + one streamed input + one writer's ring) however many files there are.
 */
final class LocalBatch implements AutoCloseable {
    private final ExecutorService pool;

    LocalBatch(int jobs) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "conch-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Every item's result, in the batch's order. An output already there is kept and measured unless the job
     * forces; a failure is that item's result and the others go on.
     *
     * @throws InterruptedException when this thread is interrupted (Ctrl-C): the items in flight abort, their
     *                              targets untouched and temporary files deleted, before this returns
     */
    List<ItemResult> run(BatchJob job, BatchRenderer renderer, BatchProgress progress) throws InterruptedException {
        Path outDir = Path.of(job.outDir());
        List<Future<ItemResult>> futures = new ArrayList<>();
        for (BatchItem item : job.items()) {
            futures.add(pool.submit(() -> {
                Path target = outDir.resolve(item.output());
                ItemResult r = !job.force() && Files.exists(target) ? BatchRenderer.kept(item, target)
                        : renderer.render(item, item.input() == null ? null : Path.of(item.input()), target, f -> { });
                progress.done(r);
                return r;
            }));
        }
        List<ItemResult> results = new ArrayList<>();
        try {
            for (Future<ItemResult> f : futures) results.add(f.get());
        } catch (InterruptedException e) {
            stop();
            throw e;
        } catch (ExecutionException e) {
            stop();
            throw new IllegalStateException("a batch job failed outside its item (a bug): " + e.getCause(), e.getCause());
        }
        return results;
    }

    /** Interrupts every job and waits for them to clean up. */
    private void stop() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
