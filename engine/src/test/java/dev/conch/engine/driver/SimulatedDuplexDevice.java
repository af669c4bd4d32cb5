package dev.conch.engine.driver;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * A sound card in virtual time, made in the test: a playback line and a capture line, 16-bit, that advance only
 * while the caller waits on them, as a blocking device would. Time is counted in playback frames: each tick the
 * playback line plays one frame (or counts an underrun when it has none), and the capture line captures
 * {@code captureRate} frames (a fraction, so it can run fast or slow against playback; a full capture buffer loses
 * the new frame and counts an overflow). Captured frame {@code n}, channel {@code c}, carries the code
 * {@link #code(int, long)}. Lines open with up to 8 channels. Plain classes, not proxies, so that a caller's allocation can be measured.
 */
final class SimulatedDuplexDevice {
    private final long rateNumerator;
    private final long rateDenominator;
    final Capture capture = new Capture();
    final Playback playback = new Playback();

    long ticks;
    private long rateAccumulator;
    long captured, read, capturedFill, overflows, maxCapturedFill;
    long written, played, underruns;
    /** The first frames written (channel-interleaved codes), for tests that check what was played. */
    final short[] sink;
    private int sinkFrames;

    /** @param captureRate capture frames per playback frame, as numerator / denominator (1/1: one clock) */
    SimulatedDuplexDevice(long numerator, long denominator, int sinkSamples) {
        this.rateNumerator = numerator;
        this.rateDenominator = denominator;
        this.sink = new short[sinkSamples];
    }

    /** The code of captured frame {@code n}, channel {@code c}: a ramp through all codes, offset per channel. */
    static short code(int c, long n) {
        return (short) (n * 7 + c * 1000);
    }

    /** Frames the capture line holds before anyone reads: its clock started that much ahead of playback's. */
    void captureAhead(int frames) {
        captured += frames;
        capturedFill += frames;
    }

    private void tick() {
        ticks++;
        long outFill = written - played;
        if (outFill > 0) played++;
        else underruns++;
        rateAccumulator += rateNumerator;
        while (rateAccumulator >= rateDenominator) {
            rateAccumulator -= rateDenominator;
            if (capturedFill * capture.frameBytes >= capture.bufferBytes) {
                overflows++;
            } else {
                captured++;
                capturedFill++;
                if (capturedFill > maxCapturedFill) maxCapturedFill = capturedFill;
            }
        }
    }

    /** Line's boilerplate; only what a driver calls does anything. */
    private abstract static class SimLine implements DataLine {
        AudioFormat format;
        int bufferBytes;
        int frameBytes;
        boolean open, running;
        /** Open throws LineUnavailableException, as a line another program holds does. */
        volatile boolean busy;

        public void open(AudioFormat format, int bufferSize) throws LineUnavailableException {
            if (busy) throw new LineUnavailableException("another program has the line");
            if (format.getChannels() > 8) {
                throw new IllegalArgumentException("no line with " + format.getChannels() + " channels");
            }
            this.format = format;
            this.bufferBytes = bufferSize;
            this.frameBytes = format.getFrameSize();
            open = true;
        }

        public void open(AudioFormat format) throws LineUnavailableException {
            open(format, 4096 * format.getFrameSize());
        }

        public void open() {
            throw new UnsupportedOperationException();
        }

        public void close() {
            open = false;
            running = false;
        }

        public boolean isOpen() {
            return open;
        }

        public void start() {
            running = true;
        }

        public void stop() {
            running = false;
        }

        public boolean isRunning() {
            return running;
        }

        public boolean isActive() {
            return running;
        }

        public AudioFormat getFormat() {
            return format;
        }

        public int getBufferSize() {
            return bufferBytes;
        }

        public int getFramePosition() {
            return (int) getLongFramePosition();
        }

        public long getMicrosecondPosition() {
            return (long) (getLongFramePosition() * 1e6 / format.getFrameRate());
        }

        public float getLevel() {
            return AudioSystem.NOT_SPECIFIED;
        }

        public void drain() {
        }

        public void flush() {
        }

        public Line.Info getLineInfo() {
            return new DataLine.Info(getClass().getInterfaces()[0], format);
        }

        public Control[] getControls() {
            return new Control[0];
        }

        public boolean isControlSupported(Control.Type control) {
            return false;
        }

        public Control getControl(Control.Type control) {
            throw new IllegalArgumentException("no controls");
        }

        public void addLineListener(LineListener listener) {
        }

        public void removeLineListener(LineListener listener) {
        }
    }

    final class Capture extends SimLine implements TargetDataLine {
        public int read(byte[] b, int off, int len) {
            int frames = len / frameBytes;
            int channels = format.getChannels();
            while (capturedFill < frames && running) tick();
            frames = (int) Math.min(frames, capturedFill); // a stopped line returns what it has
            for (int i = 0, k = off; i < frames; i++, read++) {
                for (int c = 0; c < channels; c++, k += 2) {
                    short s = code(c, read);
                    b[k] = (byte) s;
                    b[k + 1] = (byte) (s >> 8);
                }
            }
            capturedFill -= frames;
            return frames * frameBytes;
        }

        public int available() {
            return (int) (capturedFill * frameBytes);
        }

        public long getLongFramePosition() {
            return captured;
        }
    }

    final class Playback extends SimLine implements SourceDataLine {
        public int write(byte[] b, int off, int len) {
            int frames = len / frameBytes;
            int samples = frames * format.getChannels();
            // a line that is not started yet takes what fits, as a real one does
            while (bufferBytes / frameBytes - (written - played) < frames && running) tick();
            for (int i = 0, k = off; i < samples && sinkFrames * format.getChannels() + i < sink.length; i++, k += 2) {
                sink[sinkFrames * format.getChannels() + i] = (short) ((b[k] & 0xff) | (b[k + 1] << 8));
            }
            sinkFrames += frames;
            written += frames;
            return len;
        }

        public int available() {
            return (int) ((bufferBytes / frameBytes - (written - played)) * frameBytes);
        }

        public long getLongFramePosition() {
            return played;
        }
    }
}
