package dev.conch.engine.io;

/**
 * What a 16/24-bit writer sums of the integer codes it stores, in the loop that encodes them
 * ({@link AudioWriter#codeSquares}): a batch takes each output's peak and RMS from these instead of a pass of its own
 * over the samples ({@code Levels.of}).
 *
 * <p>Each channel's squares are summed in four lanes, frame {@code k} into lane {@code k mod 4} by its index in the
 * file, each lane in frame order: so the sums are the same bits however the writes were cut, and the same as a
 * reader's four lanes over the file read back (a code's square is exact in a double, and so is the stored sample's,
 * a power of two apart).
 */
public final class CodeSquares {
    /** Per channel, four lanes of summed squares of codes. */
    final double[][] lanes;
    /** The largest |code| stored. */
    int peak;

    CodeSquares(int channels) {
        this.lanes = new double[channels][4];
    }

    public int channels() {
        return lanes.length;
    }

    /** Lane {@code lane} (0 to 3) of channel {@code channel}: the squares of its codes of frames {@code lane mod 4}. */
    public double lane(int channel, int lane) {
        return lanes[channel][lane];
    }

    /** The largest |code| stored so far, 0 before any. */
    public int peak() {
        return peak;
    }
}
