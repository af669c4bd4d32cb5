package dev.conch.engine.driver;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays through Java Sound: a {@link SourceDataLine} with a small buffer (a few blocks), fed by a max-priority
 * thread that calls the callback and writes 16-bit PCM. The blocking write paces the thread at the device's rate.
 * A miss is counted when the line's buffer has run dry before a write (the device played silence).
 */
public final class JavaSoundDriver implements AudioDriver {
    private final double sampleRate;
    private final int channels;
    private final int block;
    private final int bufferBlocks;
    private final String device;
    private final CallbackStats stats = new CallbackStats();
    private volatile boolean running;
    private Thread thread;
    private SourceDataLine line;
    private AudioCallback callback;

    /**
     * @param bufferBlocks the line's buffer in blocks (2 or 3 keeps latency low)
     * @param device       a mixer name (or part of one) from {@link #devices()}, or null for the default
     */
    public JavaSoundDriver(double sampleRate, int channels, int block, int bufferBlocks, String device) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.block = block;
        this.bufferBlocks = Math.max(2, bufferBlocks);
        this.device = device;
    }

    /** Output devices Java Sound offers (mixers that provide a SourceDataLine), by name. */
    public static List<String> devices() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(info);
            if (m.getSourceLineInfo(new DataLine.Info(SourceDataLine.class, null)).length > 0) {
                names.add(info.getName() + " (" + info.getDescription() + ")");
            }
        }
        return names;
    }

    @Override
    public void start(AudioCallback cb) throws IOException {
        AudioFormat format = new AudioFormat((float) sampleRate, 16, channels, true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        try {
            line = (SourceDataLine) (device == null ? AudioSystem.getLine(info) : mixer(device).getLine(info));
            line.open(format, block * bufferBlocks * format.getFrameSize());
        } catch (IllegalArgumentException e) {
            throw new IOException(devices().isEmpty()
                    ? "no audio output device: Java Sound sees no sound card (use --driver jack, or --driver null to "
                    + "run without sound)"
                    : "the audio device cannot play " + describeFormat() + ": " + e.getMessage());
        } catch (LineUnavailableException e) {
            throw new IOException("the audio device is busy or refuses " + describeFormat() + ": " + e.getMessage());
        }
        callback = cb;
        cb.configure(sampleRate, 0, channels, block);
        running = true;
        line.start();
        thread = new Thread(this::run, "conch-audio-javasound");
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true);
        thread.start();
    }

    private Mixer mixer(String name) throws IOException {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name) || info.getName().contains(name)) return AudioSystem.getMixer(info);
        }
        throw new IOException("no audio device named '" + name + "'; `conch devices` lists them");
    }

    private String describeFormat() {
        return (int) sampleRate + " Hz 16-bit " + channels + "-channel audio";
    }

    private void run() {
        float[][] out = new float[channels][block];
        float[][] in = new float[0][];
        byte[] bytes = new byte[block * channels * 2];
        int bufferBytes = line.getBufferSize();
        long period = Math.round(block * 1e9 / sampleRate);
        long writes = 0;
        while (running) {
            long start = System.nanoTime();
            boolean more = callback.process(in, out, block);
            stats.recordLoad(System.nanoTime() - start, period);
            for (int i = 0, k = 0; i < block; i++) {
                for (int c = 0; c < channels; c++, k += 2) {
                    float x = out[c][i];
                    int s = x >= 1f ? 32767 : x <= -1f ? -32768 : (int) Math.rint(x * 32767f);
                    bytes[k] = (byte) s;
                    bytes[k + 1] = (byte) (s >> 8);
                }
            }
            // an empty buffer before the write means the device ran dry; the first writes only fill it
            if (++writes > bufferBlocks + 1 && line.available() >= bufferBytes) stats.recordMiss();
            line.write(bytes, 0, bytes.length);
            if (!more) break;
        }
        running = false;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (line != null) {
            line.stop();
            line.close();
            line = null;
        }
        if (callback != null) {
            callback.shutdown();
            callback = null;
        }
    }

    @Override
    public CallbackStats stats() {
        return stats;
    }

    @Override
    public String describe() {
        return "javasound (" + (device == null ? "default device" : device) + ", " + (int) sampleRate + " Hz, "
                + block + " frames)";
    }
}
