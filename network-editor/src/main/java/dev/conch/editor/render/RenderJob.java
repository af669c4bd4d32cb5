package dev.conch.editor.render;

import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.driver.RenderResult;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One render of a network to a file on its own thread (compile and render both: neither may hold up the UI).
 * Cancel interrupts that thread; the renderer then leaves the target as it was. No JavaFX: the dialog polls
 * {@link #framesDone()} and is told the {@link Outcome} on the render thread.
 */
public final class RenderJob {
    private static final int BLOCK = 1024;

    /** How a render ended: {@code result} when it finished, else {@code cancelled} or a sentence in {@code problem}. */
    public record Outcome(RenderResult result, boolean cancelled, String problem) {
    }

    private final NetworkSpec spec;
    private final ProcessorRegistry registry;
    private final Path target;
    private final long frames;
    private final SampleFormat format;
    private final AtomicLong done = new AtomicLong();
    private Thread thread;

    public RenderJob(NetworkSpec spec, ProcessorRegistry registry, Path target, double seconds, SampleFormat format) {
        if (!(seconds > 0)) throw new IllegalArgumentException("the length must be more than 0 seconds, not " + seconds);
        this.spec = spec;
        this.registry = registry;
        this.target = target;
        this.frames = Math.round(seconds * spec.sampleRate());
        this.format = format;
    }

    public long totalFrames() {
        return frames;
    }

    /** Frames rendered so far (any thread). */
    public long framesDone() {
        return done.get();
    }

    public synchronized void start(Consumer<Outcome> finished) {
        if (thread != null) throw new IllegalStateException("a render job runs once");
        thread = new Thread(() -> finished.accept(run()), "conch-render");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the render; the outcome says cancelled and the target is untouched. */
    public synchronized void cancel() {
        if (thread != null) thread.interrupt();
    }

    /** Waits for the render thread (tests). */
    public void join() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) t.join();
    }

    private Outcome run() {
        try {
            var network = NetworkCompiler.compile(spec, registry, BLOCK);
            if (Thread.currentThread().isInterrupted()) return new Outcome(null, true, null);
            var user = dev.conch.engine.graph.FilePaths.userOf(network, registry, target);
            if (user != null) {
                return new Outcome(null, false, "cannot render to " + target + ": node '" + user.node() + "' "
                        + (user.writes() ? "writes" : "reads") + " that file; choose another");
            }
            RenderResult r = OfflineRenderer.render(network, new RenderOptions(target, frames, BLOCK, format, 0, null, RenderOptions.AUTO_THREADS), done::set);
            return new Outcome(r, false, null);
        } catch (InterruptedException e) {
            return new Outcome(null, true, null);
        } catch (NetworkException e) {
            return new Outcome(null, false, "the network cannot be rendered: "
                    + (e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).sentence()));
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) return new Outcome(null, true, null);
            return new Outcome(null, false, "could not render to " + target + ": " + e.getMessage());
        }
    }
}
