package dev.conch.engine.driver;

import dev.conch.engine.io.SampleFormat;

import java.nio.file.Path;

/**
 * What an offline render produces.
 *
 * @param output  the WAV file for the network's AudioOutput, or null to run only the network's own file writers
 * @param frames  length in frames at the network's sample rate
 * @param block   callback block size, 1 to 8192 (the result is the same for every block size)
 * @param format  sample format of {@code output}
 */
public record RenderOptions(Path output, long frames, int block, SampleFormat format) {
    public RenderOptions {
        if (frames < 0) throw new IllegalArgumentException("a render cannot last " + frames + " frames");
        if (block < 1 || block > 8192) throw new IllegalArgumentException("block size must be 1 to 8192, not " + block);
    }
}
