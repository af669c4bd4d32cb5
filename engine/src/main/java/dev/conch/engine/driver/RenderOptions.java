package dev.conch.engine.driver;

import dev.conch.engine.io.SampleFormat;

import java.nio.file.Path;

/**
 * What an offline render produces.
 *
 * @param output     the audio file for the network's AudioOutput, or null to run only the network's own file writers
 * @param frames     the network's duration in frames at its sample rate: there the sources are released
 * @param block      callback block size, 1 to 8192 (the result is the same for every block size)
 * @param format     sample format of {@code output}
 * @param tailFrames the most frames the tail may add after {@code frames}; it ends sooner once the output has stayed
 *                   below {@link OfflineRenderer#QUIET_DBFS} dBFS for {@link OfflineRenderer#QUIET_SECONDS} s
 * @param input      what the network's AudioInput reads (the files of {@code -i}, or one file of {@code conch
 *                   process}), or null for silence
 * @param threads    threads running each callback's ops ({@link dev.conch.engine.runtime.Engine#threads}), or
 *                   {@link #AUTO_THREADS}: the render measures its first blocks on one thread, then takes as many
 *                   of the machine's cores as the network's branches pay for. The result is the same either way.
 */
public record RenderOptions(Path output, long frames, int block, SampleFormat format, long tailFrames,
                            InputSource input, int threads) {
    /** Let the render choose its thread count from its first blocks' work (see {@link OfflineRenderer}). */
    public static final int AUTO_THREADS = 0;

    public RenderOptions {
        if (frames < 0) throw new IllegalArgumentException("a render cannot last " + frames + " frames");
        if (tailFrames < 0) throw new IllegalArgumentException("a tail cannot last " + tailFrames + " frames");
        if (block < 1 || block > 8192) throw new IllegalArgumentException("block size must be 1 to 8192, not " + block);
        if (threads < 0) throw new IllegalArgumentException("a render needs 1 thread or more (0: auto), not " + threads);
    }

    /** On one thread. */
    public RenderOptions(Path output, long frames, int block, SampleFormat format, long tailFrames,
                         InputSource input) {
        this(output, frames, block, format, tailFrames, input, 1);
    }

    /** No input. */
    public RenderOptions(Path output, long frames, int block, SampleFormat format, long tailFrames) {
        this(output, frames, block, format, tailFrames, null);
    }

    /** Exactly {@code frames} frames, no tail, no input. */
    public RenderOptions(Path output, long frames, int block, SampleFormat format) {
        this(output, frames, block, format, 0);
    }
}
