package dev.conch.engine.driver;

/**
 * What a driver calls, in the spirit of JAudioLibs' AudioClient: told the format once, then asked for block after
 * block on the driver's realtime thread, then told to stop.
 */
public interface AudioCallback {

    /** Before the first block, off the realtime thread: the format the device really runs at. */
    void configure(double sampleRate, int channels, int maxBlock);

    /**
     * Fill {@code out[c][0..frames)} for every channel. Realtime thread: no allocation, no locks, no I/O.
     *
     * @return false to ask the driver to stop
     */
    boolean process(float[][] out, int frames);

    /** After the last block, off the realtime thread. */
    void shutdown();
}
