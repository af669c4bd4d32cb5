package dev.conch.engine.batch;

import dev.conch.engine.io.Clipping;

/**
 * What became of one {@link BatchItem}.
 *
 * @param levels    the output's length, peak and RMS (null when it failed)
 * @param clipping  what writing it to 16 or 24-bit integers cut off ({@link Clipping#NONE} for a float file, and for
 *                  one kept or failed: a file already written keeps no trace of what it lost)
 * @param guarded   samples that were NaN or infinite and were written as silence
 * @param failure   one sentence naming the input and what went wrong, or null
 * @param wallNanos time spent on it (0 when skipped)
 */
public record ItemResult(BatchItem item, Status status, Levels levels, Clipping clipping, long guarded,
                         String failure, long wallNanos)
        implements java.io.Serializable {
    public enum Status {
        /** rendered and written */
        DONE,
        /** the output existed and was kept (no {@code --force}) */
        SKIPPED,
        /** nothing written; {@link #failure} says why */
        FAILED
    }

    public static ItemResult failed(BatchItem item, String sentence, long wallNanos) {
        return new ItemResult(item, Status.FAILED, null, Clipping.NONE, 0, sentence, wallNanos);
    }

    /** Audio seconds in the output (0 when it failed). */
    public double seconds() {
        return levels == null ? 0 : levels.seconds();
    }
}
