package dev.conch.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Copies an uncompressed audio file into another container/format through an {@link AudioWriter}, so with its
 * temporary-file discipline: the target is replaced only when the copy is complete, and any failure or
 * interruption leaves it untouched and deletes the temporary file. The CLI renders to 32-bit float first and
 * uses this to apply the output format, dither and metadata.
 */
public final class Transcoder {
    private static final int CHUNK = 8192;

    private Transcoder() {
    }

    /** What a copy did: the frames copied and what the target's format clipped. */
    public record Result(long frames, Clipping clipping) {
    }

    /**
     * @param progress told the frames copied so far after each chunk (may throw to abort)
     * @throws InterruptedException if this thread is interrupted (Ctrl-C): the target is left as it was
     */
    public static Result transcode(Path source, Path target, WriteOptions options, LongConsumer progress)
            throws IOException, InterruptedException {
        try (AudioFileStream in = AudioFileStream.open(source);
             AudioWriter out = AudioWriter.open(target, in.channels(), in.sampleRate(), options)) {
            float[][] block = new float[in.channels()][CHUNK];
            long done = 0;
            int n;
            while ((n = in.read(block, 0, CHUNK)) > 0) {
                out.write(block, 0, n);
                done += n;
                progress.accept(done);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while writing " + target);
                }
            }
            out.commit();
            return new Result(done, out.clipping());
        } // close() without commit aborts: the temporary file is deleted, the target untouched
    }
}
