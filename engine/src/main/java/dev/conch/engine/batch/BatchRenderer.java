package dev.conch.engine.batch;

import dev.conch.engine.driver.InputSource;
import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.driver.RenderResult;
import dev.conch.engine.driver.StreamedInput;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioWriter;
import dev.conch.engine.io.Clipping;
import dev.conch.engine.io.CodeSquares;
import dev.conch.engine.io.WriteOptions;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioInput;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Renders the items of one batch, each with an engine of its own, so any number of threads (or Flink tasks) can call
 * {@link #render} at once. An item with a variation is compiled for it; the plain items a thread renders one after
 * another share one compiled network, which each render starts from its compiled state ({@code Engine}'s reset).
 * What goes wrong with one item is that item's {@link ItemResult#failure} sentence; only an interruption stops the
 * caller.
 */
public final class BatchRenderer {
    /**
     * @param format      sample format of the outputs (their container is their name's extension)
     * @param block       frames per callback; the outputs do not depend on it
     * @param seconds     each output's length before its tail; 0: the input's length, else the network's duration
     * @param tailSeconds the most a tail may add; negative: none with {@code seconds}, else the longest the network's
     *                    processors declare (as {@code conch render})
     */
    public record Settings(SampleFormat format, int block, double seconds, double tailSeconds)
            implements java.io.Serializable {
    }

    private final String network;
    private final NetworkSpec spec;
    private final ProcessorRegistry registry;
    private final Settings settings;
    private java.util.function.BiConsumer<BatchItem, CompiledNetwork> compiled = (item, net) -> { };
    /**
     * Per thread, the network its last plain item (no variation) rendered on: compiling for every file cost a batch of
     * short files about a tenth of its CPU, most compiles running before the JIT had compiled the compiler. Taken out
     * while an item renders and put back only when it rendered without a failure, so a network a processor failed in
     * is never used again.
     */
    private final ThreadLocal<CompiledNetwork> plain = new ThreadLocal<>();

    /** @param network the network's file as the user named it, for sentences */
    public BatchRenderer(String network, NetworkSpec spec, ProcessorRegistry registry, Settings settings) {
        this.network = network;
        this.spec = spec;
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * {@code hook} is given each item's network as compiled, before it renders: the CLI points its Print nodes at its
     * output, each line labelled with the item's file.
     */
    public BatchRenderer whenCompiled(java.util.function.BiConsumer<BatchItem, CompiledNetwork> hook) {
        this.compiled = hook;
        return this;
    }

    /**
     * Renders {@code item} into {@code target} (written atomically: a temporary file beside it, renamed when
     * complete) and measures what was written.
     *
     * @param input    the item's input as a local file, or null
     * @param progress told the frames done in this item after each block
     * @throws InterruptedException when the thread is interrupted: the target is left as it was
     */
    public ItemResult render(BatchItem item, Path input, Path target, LongConsumer progress) throws InterruptedException {
        return render(item, input, target, progress, Runnable::run).join();
    }

    /**
     * As {@link #render(BatchItem, Path, Path, LongConsumer)}, but the file's last step, forcing it to the disk and
     * renaming it over the target, runs on {@code committer}: the calling thread can render its next item while the
     * disk catches up (a job that waited for each force sat idle for about a third of a batch of short files). The
     * future completes with the item's result once the target is in place, or with its failure; never exceptionally.
     *
     * @throws InterruptedException when the thread is interrupted during the render: the target is left as it was
     */
    public CompletableFuture<ItemResult> render(BatchItem item, Path input, Path target, LongConsumer progress,
                                                Executor committer) throws InterruptedException {
        long start = System.nanoTime();
        String what = item.input() != null ? item.input() : item.output();
        AudioWriter out = null;
        try {
            NetworkSpec varied = item.variation() == null ? spec : item.variation().applyTo(spec);
            CompiledNetwork net = item.variation() == null ? plain.get() : null;
            plain.remove();
            if (net == null) net = NetworkCompiler.compile(varied, registry, settings.block());
            compiled.accept(item, net);
            Levels.Meter meter;
            CodeSquares squares;
            long guarded;
            try (InputSource in = input == null ? null : StreamedInput.open(input, net.sampleRate())) {
                String mismatch = in == null ? null : channelMismatch(item.input(), in.channels(), net);
                if (mismatch != null) return done(ItemResult.failed(item, mismatch, System.nanoTime() - start));
                double rate = net.sampleRate();
                long frames = settings.seconds() > 0 ? Math.round(settings.seconds() * rate)
                        : in != null ? in.frames() : Math.round(varied.duration() * rate);
                if (frames <= 0) {
                    return done(ItemResult.failed(item, what + ": " + (in != null ? "the file holds no sound (0 frames)"
                            : network + " has no duration attribute: give --seconds"), System.nanoTime() - start));
                }
                // an input comes out whole, as render -i has it: what the network delays follows its end
                double tail = settings.tailSeconds() >= 0 ? settings.tailSeconds()
                        : settings.seconds() > 0 ? 0 : net.tailSeconds()
                        + (in != null ? Engine.throughLatency(net) / rate : 0);
                int channels = OfflineRenderer.outputChannels(net);
                out = AudioWriter.open(target, channels, rate, WriteOptions.forTarget(target, settings.format()));
                // the levels of the samples as the file stores them, taken here rather than by reading the file back:
                // from what the writer sums of its codes where it does, else by rounding each sample as it does
                squares = out.codeSquares();
                Levels.Meter m = meter = squares != null ? null : new Levels.Meter(channels, settings.format());
                AudioWriter file = out;
                RenderResult r = OfflineRenderer.render(net, new RenderOptions(null, frames, settings.block(),
                        settings.format(), Math.round(tail * rate), in, 1), (block, n) -> {
                            file.write(block, 0, n);
                            if (m != null) m.add(block, n);
                        }, progress);
                if (r.failure() != null) {
                    Files.deleteIfExists(target); // as a failed item's output, never a stale one, is what a rerun finds
                    return done(ItemResult.failed(item, what + ": a processor failed during the render (" + r.failure()
                            + "), so nothing was written", System.nanoTime() - start));
                }
                guarded = r.guardedSamples();
                if (item.variation() == null) plain.set(net);
            }
            AudioWriter file = out;
            Clipping clipping = out.clipping();
            Levels levels = squares != null ? Levels.of(squares, settings.format(), out.framesWritten(), net.sampleRate())
                    : meter.levels(out.framesWritten(), net.sampleRate());
            CompletableFuture<ItemResult> committed = CompletableFuture.supplyAsync(() -> {
                try {
                    file.commit();
                    return new ItemResult(item, ItemResult.Status.DONE, levels, clipping, guarded, null,
                            System.nanoTime() - start);
                } catch (IOException e) {
                    return failed(item, what, e, start);
                } catch (RuntimeException e) {
                    file.abort();
                    return ItemResult.failed(item, what + ": internal error: " + e, System.nanoTime() - start);
                }
            }, committer);
            out = null; // the committer's now
            return committed;
        } catch (InterruptedException e) {
            throw e;
        } catch (NetworkException e) {
            Problem p = e.problems().isEmpty() ? null : e.problems().get(0);
            return done(ItemResult.failed(item, what + ": " + network + (p != null ? ":" + p.describe() : ": " + e.getMessage())
                    + (item.variation() != null ? " (with " + item.variation().values() + ")" : ""), System.nanoTime() - start));
        } catch (AudioFileException e) {
            return done(ItemResult.failed(item, e.getMessage(), System.nanoTime() - start));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("render interrupted");
            return done(failed(item, what, e, start));
        } catch (RuntimeException e) {
            return done(ItemResult.failed(item, what + ": internal error: " + e, System.nanoTime() - start));
        } finally {
            if (out != null) out.abort(); // failed or interrupted before the commit: the target stays as it was
        }
    }

    private static ItemResult failed(BatchItem item, String what, IOException e, long start) {
        return ItemResult.failed(item, what + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()),
                System.nanoTime() - start);
    }

    private static CompletableFuture<ItemResult> done(ItemResult r) {
        return CompletableFuture.completedFuture(r);
    }

    /**
     * An output already there, kept: measured for the manifest. If it cannot be read (a damaged leftover) the item
     * fails with the reader's sentence, and {@code --force} renders it again.
     */
    public static ItemResult kept(BatchItem item, Path target) {
        try {
            return new ItemResult(item, ItemResult.Status.SKIPPED, Levels.measure(target), Clipping.NONE, 0, null, 0);
        } catch (IOException e) {
            return ItemResult.failed(item, e.getMessage() + " (it was there before this batch and was kept: give --force "
                    + "to render it again)", 0);
        }
    }

    /** The sentence for a file whose channels do not fill the network's AudioInput, or null when they do. */
    private String channelMismatch(String file, int channels, CompiledNetwork net) {
        int wanted = net.inputChannels();
        String node = audioInputId(net);
        if (node == null) {
            return file + ": " + network + " has no AudioInput node, so the file would not be heard; add an AudioInput "
                    + "node, or process without inputs";
        }
        if (channels == wanted) return null;
        return file + " has " + count(channels) + " and " + network + " takes " + count(wanted) + " (node '" + node
                + "'); give files with " + count(wanted) + ", or set " + node + ".channels to " + channels;
    }

    private static String count(int n) {
        return n + (n == 1 ? " channel" : " channels");
    }

    static String audioInputId(CompiledNetwork net) {
        for (Map.Entry<String, Processor> e : net.processors().entrySet()) {
            if (e.getValue() instanceof AudioInput) return e.getKey();
        }
        return null;
    }
}
