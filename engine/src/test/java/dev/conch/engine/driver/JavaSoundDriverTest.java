package dev.conch.engine.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

/**
 * JavaSoundDriver against a SourceDataLine made in the test ({@link FakeMixerProvider}, found by Java Sound like a
 * sound card's): the format it opens, the bytes it writes (16-bit little-endian, interleaved, rounded and clipped),
 * when it counts a miss, and that stop closes the line and shuts the callback down.
 */
class JavaSoundDriverTest {
    private static final int BLOCK = 64, CHANNELS = 3, BLOCKS = 40;

    /** Channel c, frame n of the whole stream: a ramp through and past full scale, a different one per channel. */
    private static float sample(int c, long n) {
        return (float) (((n * (c + 1) * 37) % 2600 - 1300) / 1000.0); // -1.3 to +1.3
    }

    /** Plays BLOCKS blocks of the ramps, then says stop. */
    private static final class Ramps implements AudioCallback {
        long frame;
        double rate;
        int channels, maxBlock;
        volatile boolean shutdown;

        @Override
        public void configure(double sampleRate, int inputs, int channels, int maxBlock) {
            this.rate = sampleRate;
            this.channels = channels;
            this.maxBlock = maxBlock;
        }

        @Override
        public boolean process(float[][] in, float[][] out, int frames) {
            for (int i = 0; i < frames; i++, frame++) for (int c = 0; c < out.length; c++) out[c][i] = sample(c, frame);
            return frame < (long) BLOCKS * BLOCK;
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }
    }

    private static FakeMixerProvider.Capture play(Ramps ramps, java.util.function.IntUnaryOperator available)
            throws Exception {
        JavaSoundDriver driver = new JavaSoundDriver(44100, CHANNELS, BLOCK, 3, "Test Line");
        FakeMixerProvider.available = available;
        driver.start(ramps);
        FakeMixerProvider.Capture line = FakeMixerProvider.last;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ramps.frame < (long) BLOCKS * BLOCK && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(50);
        driver.stop();
        assertTrue(line.stopped && line.closed, "stop stops and closes the line");
        assertTrue(ramps.shutdown, "stop shuts the callback down");
        misses = driver.stats().misses();
        return line;
    }

    private static long misses;

    @Test
    void writesEveryBlockAsInterleavedLittleEndian16BitRoundedAndClipped() throws Exception {
        Ramps ramps = new Ramps();
        FakeMixerProvider.Capture line = play(ramps, size -> 0);
        assertEquals(new AudioFormat(44100, 16, CHANNELS, true, false).toString(), line.format.toString());
        assertEquals(BLOCK * 3 * CHANNELS * 2, line.bufferSize, "3 blocks of 16-bit frames");
        assertTrue(line.started);
        assertEquals(44100, ramps.rate);
        assertEquals(CHANNELS, ramps.channels);
        assertEquals(BLOCK, ramps.maxBlock);
        byte[] bytes = line.written.toByteArray();
        assertEquals(BLOCKS * BLOCK * CHANNELS * 2, bytes.length, "every block written once, the last included");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int clipped = 0;
        for (long n = 0; n < (long) BLOCKS * BLOCK; n++) {
            for (int c = 0; c < CHANNELS; c++) {
                double x = sample(c, n);
                // the driver's rule: full scale and beyond clip to the end codes, else x·32767 rounded (ties to
                // even); the file writers scale by 32768 instead (Quantizer), so -1 is the only negative code they share
                double want = x >= 1 ? 32767 : x <= -1 ? -32768 : Math.rint((float) x * 32767f);
                if (Math.abs(x) >= 1) clipped++;
                assertEquals(want, b.getShort(), 1e-9, "frame " + n + " channel " + c + " (" + x + ")");
            }
        }
        assertTrue(clipped > 100, "the ramps crossed full scale " + clipped + " times");
        assertEquals(0, misses, "a line that never runs dry has no misses");
    }

    /** A line whose whole buffer is free before a write ran dry: a miss, except while the first writes fill it. */
    @Test
    void aLineThatRanDryIsCountedAsAMissAfterTheFirstFill() throws Exception {
        play(new Ramps(), size -> size);
        assertEquals(BLOCKS - (3 + 1), misses, "every write after the first 3 + 1 found the line empty");
    }

    @Test
    void anUnknownDeviceIsOneSentence() {
        JavaSoundDriver driver = new JavaSoundDriver(48000, 2, 64, 3, "No Such Card");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> driver.start(new Ramps()));
        assertEquals("no audio device named 'No Such Card'; `conch devices` lists them", e.getMessage());
        assertFalse(JavaSoundDriver.devices().stream().noneMatch(d -> d.startsWith(FakeMixerProvider.NAME)),
                "the fake line is listed: " + JavaSoundDriver.devices());
    }

    /** A device with only a playback line cannot take input: one sentence, with the ways out. */
    @Test
    void aDeviceWithoutCaptureIsOneSentenceWithAHint() {
        JavaSoundDriver driver = new JavaSoundDriver(48000, 1, 2, 64, 3, "Test Line");
        Ramps ramps = new Ramps();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> driver.start(ramps));
        assertEquals("the audio device 'Conch Test Line' has no input (capture) line; choose one with --device "
                + "(`conch devices` lists them), or use --driver jack, or --driver null --input FILE", e.getMessage());
        assertEquals(0, ramps.maxBlock, "the callback was not configured");
        assertFalse(JavaSoundDriver.captureDevices().stream().anyMatch(d -> d.startsWith(FakeMixerProvider.NAME)),
                "a mixer without capture is not listed as an input: " + JavaSoundDriver.captureDevices());
        assertTrue(JavaSoundDriver.captureDevices().stream().anyMatch(d -> d.startsWith(FakeMixerProvider.DUPLEX_NAME)),
                "the duplex mixer is: " + JavaSoundDriver.captureDevices());
    }

    /** Plays out[0] = in[0], out[1] = -in[0] for BLOCKS blocks, then says stop. */
    private static final class Through implements AudioCallback {
        volatile int inputs, outputs, blocks;

        public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
            this.inputs = inputs;
            this.outputs = outputs;
        }

        public boolean process(float[][] in, float[][] out, int frames) {
            for (int i = 0; i < frames; i++) {
                out[0][i] = in[0][i];
                out[1][i] = -in[0][i];
            }
            return ++blocks < BLOCKS;
        }

        public void shutdown() {
        }
    }

    /**
     * Full duplex on one mixer: both lines opened in the network's format, each captured frame decoded as code / 32768
     * and played back 2 blocks later (the silence the playback line starts with), which is the round trip it reports,
     * plus however far the capture clock started ahead. Without a device named, the mixer that has both lines.
     */
    @Test
    void fullDuplexPlaysEachCapturedFrameAfterTheRoundTripItReports() throws Exception {
        for (int ahead : new int[] {0, 40}) {
            SimulatedDuplexDevice device = new SimulatedDuplexDevice(1, 1, 2 * BLOCK * BLOCKS);
            device.captureAhead(ahead);
            FakeMixerProvider.duplex = device;
            // no device named: the first mixer with both lines, which is the duplex one (the other cannot record)
            JavaSoundDriver driver = new JavaSoundDriver(48000, 1, 2, BLOCK, 3, ahead == 0 ? "Test Duplex" : null);
            Through through = new Through();
            driver.start(through);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (through.blocks < BLOCKS && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(50); // the thread writes the last block and ends
            assertEquals(OptionalLong.of(2 * BLOCK + ahead), driver.roundTripFrames(), "capture " + ahead + " ahead");
            assertEquals("javasound (Conch Test Duplex, 48000 Hz, 64 frames, 1 in, round trip " + (2 * BLOCK + ahead)
                    + " frames (" + (ahead == 0 ? "2.7" : "3.5") + " ms), 0 frames dropped, 0 duplicated)",
                    driver.describe());
            driver.stop();
            assertEquals(OptionalLong.empty(), driver.roundTripFrames(), "no round trip once stopped");
            assertEquals(new AudioFormat(48000, 16, 1, true, false).toString(), device.capture.getFormat().toString());
            assertEquals(new AudioFormat(48000, 16, 2, true, false).toString(), device.playback.getFormat().toString());
            assertFalse(device.capture.isOpen() || device.playback.isOpen(), "stop closes both lines");
            assertEquals(1, through.inputs);
            assertEquals(2, through.outputs);
            for (int n = 0; n < (BLOCKS - 2) * BLOCK; n++) {
                int frame = n + 2 * BLOCK;
                float x = SimulatedDuplexDevice.code(0, n) / 32768f;
                int left = device.sink[2 * frame], right = device.sink[2 * frame + 1];
                assertEquals(x <= -1f ? -32768 : (int) Math.rint(x * 32767f), left, "left at frame " + frame);
                assertEquals(-x >= 1f ? 32767 : (int) Math.rint(-x * 32767f), right, "right at frame " + frame);
            }
            for (int i = 0; i < 4 * BLOCK; i++) assertEquals(0, device.sink[i], "silence ahead, sample " + i);
        }
    }

    /** A capture line the device refuses: one sentence, and the playback line already opened is closed again. */
    @Test
    void aCaptureFormatTheDeviceRefusesIsOneSentenceAndLeavesNothingOpen() {
        SimulatedDuplexDevice device = new SimulatedDuplexDevice(1, 1, 0);
        FakeMixerProvider.duplex = device;
        JavaSoundDriver driver = new JavaSoundDriver(48000, 9, 2, 64, 3, "Test Duplex");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> driver.start(new Through()));
        assertEquals("the audio device 'Conch Test Duplex' cannot record 48000 Hz 16-bit 9-channel audio: no line with "
                + "9 channels", e.getMessage());
        assertFalse(device.playback.isOpen(), "the playback line is closed again");
        assertEquals(OptionalLong.empty(), driver.roundTripFrames());

        SimulatedDuplexDevice held = new SimulatedDuplexDevice(1, 1, 0);
        held.capture.busy = true;
        FakeMixerProvider.duplex = held;
        JavaSoundDriver busy = new JavaSoundDriver(48000, 2, 2, 64, 3, "Test Duplex");
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> busy.start(new Through()));
        assertEquals("the audio device 'Conch Test Duplex' is busy recording or refuses 48000 Hz 16-bit 2-channel audio: "
                + "another program has the line", e.getMessage());
        assertFalse(held.playback.isOpen(), "the playback line is closed again");
    }

    /**
     * With input, a playback buffer of 2 blocks would be empty each time a block of input has arrived (the read waits a
     * whole block while the line plays the one block ahead): the driver uses 3, and a 2-block round trip.
     */
    @Test
    void fullDuplexKeepsAtLeastThreeBlocksOfPlaybackBuffer() throws Exception {
        SimulatedDuplexDevice device = new SimulatedDuplexDevice(1, 1, 0);
        FakeMixerProvider.duplex = device;
        JavaSoundDriver driver = new JavaSoundDriver(48000, 1, 2, BLOCK, 2, "Test Duplex");
        Through through = new Through();
        driver.start(through);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (through.blocks < BLOCKS && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(50);
        assertEquals(3 * BLOCK * 2 * 2, device.playback.getBufferSize(), "3 blocks of 16-bit stereo");
        assertEquals(OptionalLong.of(2 * BLOCK), driver.roundTripFrames());
        assertEquals(0, device.underruns, "the playback line never ran dry");
        driver.stop();
    }
}
