package dev.conch.engine.driver;

/**
 * What a driver calls, in the spirit of JAudioLibs' AudioClient: told the format once, then asked for block after
 * block on the driver's realtime thread, then told to stop. Full duplex: each block comes with the input captured
 * for it, and the callback returns the output in the same call.
 */
public interface AudioCallback {

    /**
     * Before the first block, off the realtime thread: the format the device really runs at.
     *
     * @param inputs  capture channels each block brings (0: the driver takes no input)
     * @param outputs playback channels each block fills
     */
    void configure(double sampleRate, int inputs, int outputs, int maxBlock);

    /**
     * Reads {@code in[c][0..frames)} (as many channels as configured; none without input) and fills
     * {@code out[c][0..frames)} for every channel. Realtime thread: no allocation, no locks, no I/O.
     *
     * @return false to ask the driver to stop
     */
    boolean process(float[][] in, float[][] out, int frames);

    /** After the last block, off the realtime thread. */
    void shutdown();
}
