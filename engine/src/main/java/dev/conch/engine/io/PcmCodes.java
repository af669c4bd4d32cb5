package dev.conch.engine.io;

/**
 * Told the integer codes a 16/24-bit writer stores, as it stores them ({@link AudioWriter#tapCodes}): a batch takes
 * each output's peak and RMS from them instead of rounding every sample a second time ({@link SampleFormat#stored}).
 */
@FunctionalInterface
public interface PcmCodes {
    /**
     * The codes channel {@code channel} stores for frames {@code [frame, frame + n)}: {@code codes[0 .. n)}, each in
     * [-2^(bits-1), 2^(bits-1)); the array is the writer's and is reused when this returns.
     */
    void take(int channel, long frame, int[] codes, int n);
}
