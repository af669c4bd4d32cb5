package dev.conch.engine.io;

/**
 * Samples read from a file, one float array per channel, full scale at ±1.
 *
 * @param channels   {@code channels[c][frame]}; every channel has the same length
 * @param sampleRate frames per second, as the file's header says
 * @param format     what the file held, for people: "WAVE, 24-bit signed PCM, little-endian"
 */
public record AudioData(float[][] channels, double sampleRate, String format) {

    public int channelCount() {
        return channels.length;
    }

    public int frames() {
        return channels.length == 0 ? 0 : channels[0].length;
    }
}
