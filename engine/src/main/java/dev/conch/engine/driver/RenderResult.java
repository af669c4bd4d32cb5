package dev.conch.engine.driver;

import dev.conch.engine.io.Clipping;

import java.nio.file.Path;

/**
 * What an offline render did.
 *
 * @param guardedSamples samples that were NaN or infinite and were written as silence
 * @param failure        the first processor that failed during the render ("node: exception"), or null
 * @param clipping       what writing the output to integers clipped ({@link Clipping#NONE} without an output)
 * @param threads        the threads the render ended on (an automatic render starts on one)
 */
public record RenderResult(Path output, long frames, long guardedSamples, long wallNanos, String failure,
                           Clipping clipping, int threads) {

    /** Audio seconds rendered per wall-clock second. */
    public double realtimeFactor(double sampleRate) {
        return wallNanos == 0 ? Double.POSITIVE_INFINITY : (frames / sampleRate) / (wallNanos / 1e9);
    }
}
