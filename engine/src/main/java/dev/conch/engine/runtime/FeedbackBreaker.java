package dev.conch.engine.runtime;

/**
 * A processor whose output depends only on input at least one block old (a delay line) may close a feedback
 * loop. When it sits on a cycle the engine splits its work in two: {@link #emit} writes the outputs from the
 * past at the node's place in the schedule, {@link #absorb} takes the inputs once the loop has computed them.
 * Off a cycle the engine calls {@link Processor#process(int)} as usual.
 */
public interface FeedbackBreaker {

    /**
     * Why this node, as configured, cannot close a feedback loop at callback blocks up to {@code maxBlock}
     * frames (its delay is shorter than a block, or it mixes its current input into the output), or null.
     * Called by the compiler before {@link Processor#prepare}, hence the sample rate.
     */
    String loopProblem(double sampleRate, int maxBlock);

    /** Write {@code frames} output samples using only input absorbed earlier. */
    void emit(int frames);

    /** Take {@code frames} input samples. */
    void absorb(int frames);
}
