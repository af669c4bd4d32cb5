package dev.conch.engine.driver;

import dev.conch.engine.concurrent.RealtimePriority;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Plays through Java Sound: a {@link SourceDataLine} with a small buffer (a few blocks), fed by a max-priority
 * thread that calls the callback and writes 16-bit PCM (see {@link JavaSoundCycle}). The blocking write paces the
 * thread at the device's rate. A miss is counted when the line's buffer has run dry before a write.
 *
 * <p><b>Full duplex</b> (input channels &gt; 0): a {@link TargetDataLine} and a SourceDataLine opened together on one
 * mixer, both 16-bit at the network's rate (16 bits because every Java Sound device offers it, and its noise floor,
 * -96 dB, is below any microphone's). The playback line starts with {@code bufferBlocks - 1} blocks of silence; then
 * each block the thread reads one block from the capture line (waiting for it), calls the callback with it and
 * writes the output. The round trip is those frames of silence plus the offset between the two lines' clocks at
 * start, measured from their frame positions ({@link #roundTripFrames()}); it leaves out what the device's
 * converters add, which Java Sound does not report.
 *
 * <p><b>Clock drift: drop and duplicate, counted</b> ({@link DriftCorrector}), not a resampler. On one device the
 * capture and playback clocks are one crystal or a few ppm apart: at 10 ppm that is one frame every 2 s at 48 kHz, a
 * single-sample step (no larger than the signal's change over one sample, far below a click), and the count shows
 * that it happened. An adaptive resampler would filter
 * every input sample even when the clocks agree exactly (a live input would no longer equal a recording of it, bit
 * for bit), add its filter's latency, and cost CPU on the audio thread, to smooth an event that happens every few
 * seconds at most. Only the input is corrected: the playback line is the clock the network runs at, so what the
 * network makes by itself is never touched. Two devices, whose clocks can differ by 100 ppm or more, are not
 * offered: the two lines always come from one mixer.
 */
public final class JavaSoundDriver implements AudioDriver {
    private final double sampleRate;
    private final int inputs;
    private final int channels;
    private final int block;
    private final int bufferBlocks;
    private final String device;
    private final CallbackStats stats = new CallbackStats();
    private volatile boolean running;
    private Thread thread;
    private int priority;
    private RealtimePriority.Outcome realtime;
    private SourceDataLine line;
    private TargetDataLine captureLine;
    private String mixerName;
    private JavaSoundCycle cycle;
    private AudioCallback callback;

    /** Output only (no input channels). */
    public JavaSoundDriver(double sampleRate, int channels, int block, int bufferBlocks, String device) {
        this(sampleRate, 0, channels, block, bufferBlocks, device);
    }

    /**
     * @param inputs       capture channels (0: output only); more than 0 opens both lines on one mixer
     * @param bufferBlocks the playback line's buffer in blocks (2 or 3 keeps latency low); with input at least 3:
     *                     each block waits for a whole block of input while the playback line plays from the
     *                     {@code bufferBlocks - 1} blocks ahead, so with 2 it would have nothing left to play when
     *                     the output arrives
     * @param device       a mixer name (or part of one) from {@link #devices()}, or null for the default (with
     *                     input: the first mixer that has both lines in the format)
     */
    public JavaSoundDriver(double sampleRate, int inputs, int channels, int block, int bufferBlocks, String device) {
        if (inputs < 0) throw new IllegalArgumentException("input channels cannot be negative: " + inputs);
        this.sampleRate = sampleRate;
        this.inputs = inputs;
        this.channels = channels;
        this.block = block;
        this.bufferBlocks = Math.max(inputs > 0 ? 3 : 2, bufferBlocks);
        this.device = device;
    }

    /** Output devices Java Sound offers (mixers that provide a SourceDataLine), by name. */
    public static List<String> devices() {
        return mixersWith(SourceDataLine.class);
    }

    /** Input devices Java Sound offers (mixers that provide a TargetDataLine), by name. */
    public static List<String> captureDevices() {
        return mixersWith(TargetDataLine.class);
    }

    private static List<String> mixersWith(Class<? extends DataLine> lineClass) {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (has(AudioSystem.getMixer(info), lineClass)) {
                names.add(info.getName() + " (" + info.getDescription() + ")");
            }
        }
        return names;
    }

    private static boolean has(Mixer mixer, Class<? extends DataLine> lineClass) {
        DataLine.Info any = new DataLine.Info(lineClass, null);
        return lineClass == TargetDataLine.class ? mixer.getTargetLineInfo(any).length > 0
                : mixer.getSourceLineInfo(any).length > 0;
    }

    @Override
    public void realtimePriority(int priority) {
        if (thread != null) throw new IllegalStateException("ask for realtime priority before the driver starts");
        this.priority = RealtimePriority.checkRequest(priority);
    }

    @Override
    public RealtimePriority.Outcome realtime() {
        return realtime;
    }

    @Override
    public void start(AudioCallback cb) throws IOException {
        AudioFormat format = new AudioFormat((float) sampleRate, 16, channels, true, false);
        AudioFormat inFormat = new AudioFormat((float) sampleRate, 16, Math.max(1, inputs), true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        DataLine.Info inInfo = new DataLine.Info(TargetDataLine.class, inFormat);
        Mixer mixer = inputs > 0 ? duplexMixer(info, inInfo) : device == null ? null : mixer(device);
        try {
            line = (SourceDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
            line.open(format, block * bufferBlocks * format.getFrameSize());
            if (inputs > 0) {
                captureLine = (TargetDataLine) mixer.getLine(inInfo);
                captureLine.open(inFormat,
                        JavaSoundCycle.captureBufferFrames(block, bufferBlocks) * inFormat.getFrameSize());
            }
        } catch (IllegalArgumentException e) {
            boolean recording = line != null && line.isOpen();
            closeLines();
            throw new IOException(recording ? "the audio device '" + mixer.getMixerInfo().getName() + "' cannot record "
                    + describe(inputs) + ": " + e.getMessage()
                    : devices().isEmpty()
                    ? "no audio output device: Java Sound sees no sound card (use --driver jack, or --driver null to "
                    + "run without sound)"
                    : "the audio device cannot play " + describeFormat() + ": " + e.getMessage());
        } catch (LineUnavailableException e) {
            boolean recording = line != null && line.isOpen();
            closeLines();
            throw new IOException(recording ? "the audio device '" + mixer.getMixerInfo().getName() + "' is busy "
                    + "recording or refuses " + describe(inputs) + ": " + e.getMessage()
                    : "the audio device is busy or refuses " + describeFormat() + ": " + e.getMessage());
        }
        mixerName = mixer == null ? null : mixer.getMixerInfo().getName();
        callback = cb;
        cycle = new JavaSoundCycle(cb, stats, captureLine, inputs, line, channels, block, bufferBlocks, sampleRate);
        cb.configure(sampleRate, inputs, channels, block);
        running = true;
        if (captureLine != null) {
            byte[] silence = new byte[JavaSoundCycle.ahead(block, bufferBlocks) * format.getFrameSize()];
            line.write(silence, 0, silence.length); // the round trip: the playback line never waits for input
            captureLine.start();
        }
        line.start();
        AudioThread audio = AudioThread.start("conch-audio-javasound", priority, this::run);
        thread = audio.thread();
        realtime = audio.realtime();
    }

    /** The mixer both lines come from: the named one, or the first with both lines in the formats. */
    private Mixer duplexMixer(DataLine.Info out, DataLine.Info in) throws IOException {
        String others = "choose one with --device (`conch devices` lists them), or use --driver jack, or --driver null "
                + "--input FILE";
        if (device != null) {
            Mixer m = mixer(device);
            String name = m.getMixerInfo().getName();
            if (!has(m, TargetDataLine.class)) {
                throw new IOException("the audio device '" + name + "' has no input (capture) line; " + others);
            }
            if (!m.isLineSupported(in)) {
                throw new IOException("the audio device '" + name + "' cannot record " + describe(inputs) + "; "
                        + others);
            }
            return m;
        }
        for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
            Mixer m = AudioSystem.getMixer(mi);
            if (m.isLineSupported(in) && m.isLineSupported(out)) return m;
        }
        if (AudioSystem.getMixerInfo().length == 0) {
            throw new IOException("no audio device: Java Sound sees no sound card; use --driver jack, or --driver null "
                    + "--input FILE");
        }
        throw new IOException("no audio device can record " + describe(inputs) + " and play " + describe(channels)
                + " together; " + others);
    }

    private Mixer mixer(String name) throws IOException {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name) || info.getName().contains(name)) return AudioSystem.getMixer(info);
        }
        throw new IOException("no audio device named '" + name + "'; `conch devices` lists them");
    }

    private String describeFormat() {
        return describe(channels);
    }

    private String describe(int lineChannels) {
        return (int) sampleRate + " Hz 16-bit " + lineChannels + "-channel audio";
    }

    private void run() {
        while (running) {
            if (!cycle.run()) break;
        }
        running = false;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            // a read waiting for input that never comes (a stopped device) must not hold stop up: stopping the
            // capture line ends the read
            if (captureLine != null) captureLine.stop();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        closeLines();
        if (callback != null) {
            callback.shutdown();
            callback = null;
        }
    }

    private void closeLines() {
        if (captureLine != null) {
            captureLine.stop();
            captureLine.close();
            captureLine = null;
        }
        if (line != null) {
            line.stop();
            line.close();
            line = null;
        }
    }

    @Override
    public CallbackStats stats() {
        return stats;
    }

    /**
     * The measured round trip in frames, from a sample entering the capture line to its leaving the playback line:
     * the frames written ahead of the input (the silence at start, plus duplicates, less drops) plus how far the
     * capture clock is ahead of the playback clock now. Empty unless running full duplex.
     */
    public OptionalLong roundTripFrames() {
        TargetDataLine in = captureLine;
        SourceDataLine out = line;
        JavaSoundCycle c = cycle;
        if (in == null || out == null || c == null) return OptionalLong.empty();
        long ahead = JavaSoundCycle.ahead(block, bufferBlocks) + c.framesDuplicated() - c.framesDropped();
        return OptionalLong.of(ahead + in.getLongFramePosition() - out.getLongFramePosition());
    }

    /** Captured frames dropped so far because the input clock ran fast (see the class comment). */
    public long framesDropped() {
        JavaSoundCycle c = cycle;
        return c == null ? 0 : c.framesDropped();
    }

    /** Captured frames played twice so far because the input clock ran slow. */
    public long framesDuplicated() {
        JavaSoundCycle c = cycle;
        return c == null ? 0 : c.framesDuplicated();
    }

    /**
     * "javasound (jack, 48000 Hz, 256 frames)"; full duplex adds the input, the measured round trip and the drift
     * corrections: "..., 2 in, round trip 768 frames (16.0 ms), 0 frames dropped, 0 duplicated)".
     */
    @Override
    public String describe() {
        String name = mixerName != null ? mixerName : device == null ? "default device" : device;
        String s = "javasound (" + name + ", " + (int) sampleRate + " Hz, " + block + " frames";
        OptionalLong trip = roundTripFrames();
        if (trip.isPresent()) {
            s += String.format(java.util.Locale.ROOT, ", %d in, round trip %d frames (%.1f ms), %d frames dropped, "
                    + "%d duplicated", inputs, trip.getAsLong(), trip.getAsLong() * 1000 / sampleRate, framesDropped(),
                    framesDuplicated());
        }
        return s + ")";
    }
}
