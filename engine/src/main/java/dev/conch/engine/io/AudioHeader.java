package dev.conch.engine.io;

import java.nio.file.Path;

/**
 * Where a file's samples are and how they are stored, as parsed by {@link HeaderParser}: the bytes
 * [{@code dataOffset}, {@code dataOffset + frames·frameBytes}) of the file, interleaved, each sample
 * {@code bytesPerSample} bytes in {@code encoding}. {@code frames} counts only frames that are really in the file
 * (the parser refuses a file with fewer than its header announces).
 */
record AudioHeader(Path file, String container, SampleEncoding encoding, int bytesPerSample, boolean bigEndian,
                   int channels, double sampleRate, long dataOffset, long frames, AudioMetadata metadata) {

    int frameBytes() {
        return channels * bytesPerSample;
    }

    String describe() {
        String enc = switch (encoding) {
            case SIGNED -> bytesPerSample * 8 + "-bit signed PCM";
            case UNSIGNED -> bytesPerSample * 8 + "-bit unsigned PCM";
            case FLOAT -> bytesPerSample * 8 + "-bit float";
            case ULAW -> "µ-law 8-bit";
            case ALAW -> "A-law 8-bit";
        };
        String order = bytesPerSample > 1 ? (bigEndian ? ", big-endian" : ", little-endian") : "";
        String rate = sampleRate == Math.rint(sampleRate) ? Long.toString((long) sampleRate) : Double.toString(sampleRate);
        return container + ", " + enc + order + ", " + channels + " ch, " + rate + " Hz";
    }
}
