package dev.conch.engine.driver;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.io.Clipping;
import dev.conch.engine.runtime.Engine;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Runs the realtime callback as fast as the machine allows and writes the output node to a file. The render
 * thread plays the audio thread's part (only {@link Engine#process} and ring writes inside the loop); the file is
 * written by the writer's own thread. Between callbacks the renderer waits for ring space, so nothing is dropped.
 *
 * <p>Nothing half-written: the output goes to a temporary file beside the target and is moved into place only when
 * complete. If the render fails or is interrupted the target is left as it was.
 */
public final class OfflineRenderer {
    private OfflineRenderer() {
    }

    /**
     * @param progress told the number of frames done after each block (on the render thread: keep it cheap)
     */
    public static RenderResult render(CompiledNetwork network, RenderOptions options, LongConsumer progress)
            throws IOException, InterruptedException {
        Engine engine = new Engine(network);
        int channels = Math.max(1, engine.outputChannels());
        int block = Math.min(options.block(), network.maxBlock());
        AsyncAudioWriter writer = options.output() == null ? null
                : AsyncAudioWriter.open(options.output(), channels, network.sampleRate(), options.format(), block);
        boolean done = false;
        long start = System.nanoTime();
        try {
            engine.open();
            float[][] buffer = new float[channels][block];
            long frames = 0;
            while (frames < options.frames()) {
                int n = (int) Math.min(block, options.frames() - frames);
                engine.awaitCapacity();
                if (writer != null) writer.awaitSpace(n);
                engine.process(buffer, n);
                if (writer != null && !writer.offer(buffer, n)) {
                    throw new IOException("the writer for " + options.output() + " fell behind (a bug: the render "
                            + "waits for room before each block)");
                }
                frames += n;
                progress.accept(frames);
                if (Thread.interrupted()) throw new InterruptedException("render interrupted");
            }
            engine.close();
            Clipping clipping = writer != null ? writer.close().clipping() : Clipping.NONE;
            done = true;
            return new RenderResult(options.output(), frames, engine.guardedSamples(), System.nanoTime() - start,
                    engine.failure(), clipping);
        } finally {
            if (!done) {
                if (writer != null) writer.abort();
                try {
                    engine.close();
                } catch (IOException suppressed) {
                    // the original failure is the one to report
                }
            }
        }
    }
}
