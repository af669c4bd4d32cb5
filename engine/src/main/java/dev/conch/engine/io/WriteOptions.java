package dev.conch.engine.io;

import java.nio.file.Path;

/**
 * How to write an audio file.
 *
 * @param dither     add TPDF dither (two uniform values, ±1 LSB peak) before rounding to 16/24-bit integers; it
 *                   comes from a generator seeded with {@code ditherSeed}, so a render stays bit-identical
 *                   run to run. Ignored for float.
 */
public record WriteOptions(FileType type, SampleFormat format, boolean dither, long ditherSeed, AudioMetadata metadata) {

    public WriteOptions {
        if (metadata == null) metadata = AudioMetadata.EMPTY;
        if (type == FileType.FLAC && format == SampleFormat.FLOAT32) {
            throw new IllegalArgumentException("FLAC stores integers only: pick 16- or 24-bit for a .flac file, "
                    + "or write WAV/AIFF for 32-bit float");
        }
    }

    /** The container from the target's extension, no dither, no metadata. */
    public static WriteOptions forTarget(Path target, SampleFormat format) {
        return new WriteOptions(FileType.fromFileName(target), format, false, 0, AudioMetadata.EMPTY);
    }

    public WriteOptions withDither(boolean on, long seed) {
        return new WriteOptions(type, format, on, seed, metadata);
    }

    public WriteOptions withMetadata(AudioMetadata m) {
        return new WriteOptions(type, format, dither, ditherSeed, m);
    }
}
