package dev.conch.engine.io;

import java.nio.file.Path;

/**
 * What an audio file's header says, read without decoding the samples.
 *
 * @param frames -1 when the header does not say
 */
public record AudioFileInfo(Path file, int channels, double sampleRate, long frames, String format) {
}
