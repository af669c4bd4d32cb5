package dev.conch.engine.runtime;

/**
 * A processor whose output depends only on input absorbed earlier (a delay line) may close a feedback loop. When
 * it sits on a cycle the engine splits its work in two: {@link #emit} writes the outputs from the past at the
 * node's place in the schedule, {@link #absorb} takes the inputs once the loop has computed them. Off a cycle the
 * engine calls {@link Processor#process(int)} as usual.
 *
 * <p>The two halves need not move in step: the loop's other nodes fire by their own rates (an STFT chain a hop at
 * a time), so emit may run up to the loop's <em>lead</em> of samples ahead of absorb. The compiler works the lead
 * out from the network (not from the callback block size, which it cuts loops into short fixed segments for) and
 * hands it over in {@link #closeLoop}; a breaker that holds its delay at the lead or more never reads a sample the
 * loop has not computed, and renders the same bits at any block size.
 *
 * <p>Controls and automation of a breaker's params are applied to the emit half: read every param in emit.
 */
public interface FeedbackBreaker {

    /**
     * Makes this node close a loop whose emit side may run {@code lead} samples ahead of its absorb side. Returns
     * why it cannot, as configured (its delay is shorter than the lead, or it mixes its current input into the
     * output), or null. Called by the compiler before {@link Processor#prepare}, hence the sample rate.
     */
    String closeLoop(double sampleRate, int lead);

    /** Write {@code frames} output samples using only input absorbed earlier. */
    void emit(int frames);

    /** Take {@code frames} input samples (the next ones the loop computed, in order). */
    void absorb(int frames);
}
