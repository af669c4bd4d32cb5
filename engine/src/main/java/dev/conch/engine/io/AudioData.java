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

    /**
     * Every channel at {@code rate}: these samples when the file is at that rate, else converted by the band-limited
     * {@link Resampler}. The one conversion every reader of files uses (AudioFileReader, GrainStream, {@code -i}), so
     * they give the same samples.
     */
    public float[][] channelsAt(double rate) {
        if (sampleRate == rate) return channels;
        float[][] y = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) y[c] = Resampler.resample(channels[c], sampleRate, rate);
        return y;
    }
}
