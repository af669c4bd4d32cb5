package dev.conch.engine.runtime;

/**
 * What a processor learns in {@link Processor#prepare}: everything it needs to allocate once.
 *
 * @param sampleRate       the network's sample rate in Hz
 * @param maxFirings       the most firings a single {@link Processor#process(int)} call will ask for
 * @param maxBlock         the largest callback block the engine will run, in frames
 * @param samplesPerFiring network samples one firing of this processor stands for: 1 for audio-rate nodes, the hop
 *                         for a node that fires once per spectral frame — and for a control source that drives such a
 *                         node, so its times stay in seconds whatever it drives
 */
public record ProcessContext(double sampleRate, int maxFirings, int maxBlock, double samplesPerFiring) {

    public ProcessContext(double sampleRate, int maxFirings, int maxBlock) {
        this(sampleRate, maxFirings, maxBlock, 1);
    }

    /** Firings per second: the sample rate, or sampleRate / hop for a node that fires once per spectral frame. */
    public double firingsPerSecond() {
        return sampleRate / samplesPerFiring;
    }

    /** Seconds one firing stands for. */
    public double secondsPerFiring() {
        return samplesPerFiring / sampleRate;
    }
}
