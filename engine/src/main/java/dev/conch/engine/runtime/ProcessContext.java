package dev.conch.engine.runtime;

/**
 * What a processor learns in {@link Processor#prepare}: everything it needs to allocate once.
 *
 * @param sampleRate  the network's sample rate in Hz
 * @param maxFirings  the most firings a single {@link Processor#process(int)} call will ask for
 * @param maxBlock    the largest callback block the engine will run, in frames
 */
public record ProcessContext(double sampleRate, int maxFirings, int maxBlock) {
}
