package dev.conch.engine.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.AllocationMeter;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

/**
 * Conch's part of a Java Sound full-duplex block, run on a {@link SimulatedDuplexDevice} whose capture clock runs
 * fast, slow or with the playback clock: the drift corrections keep the capture buffer bounded, their count is the
 * frames the clocks really differ by, every captured frame reaches the callback in order except exactly the frames
 * counted, and nothing is allocated.
 */
class JavaSoundCycleTest {
    private static final double RATE = 48000;
    private static final int BUFFER_BLOCKS = 3;

    /** The callback's view of the input: each channel-0 frame must be the captured frame after the one before. */
    private static final class Follower implements AudioCallback {
        long next = -1, skipped, repeated, misplaced, blocks;

        public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
        }

        public boolean process(float[][] in, float[][] out, int frames) {
            for (int i = 0; i < frames; i++) {
                long n = frameOf(in[0][i]);
                long step = next < 0 ? 1 : (n - next + 1) & 0xffff; // frames are known modulo 65536
                if (step == 2) skipped++;
                else if (step == 0) repeated++;
                else if (step != 1) misplaced++;
                next = n + 1;
                out[0][i] = in[0][i];
            }
            blocks++;
            return true;
        }

        public void shutdown() {
        }
    }

    /** Which captured frame (modulo 65536) a decoded channel-0 sample is: code = 7n mod 65536, and 7 is invertible. */
    private static long frameOf(float x) {
        int code = Math.round(x * 32768f) & 0xffff;
        return (code * 28087L) & 0xffff; // 7 · 28087 = 196609 = 3 · 65536 + 1
    }

    private static final class Rig {
        final SimulatedDuplexDevice device;
        final JavaSoundCycle cycle;
        final int block;

        Rig(long num, long den, int block, AudioCallback callback) throws Exception {
            this.block = block;
            device = new SimulatedDuplexDevice(num, den, 0);
            AudioFormat format = new AudioFormat((float) RATE, 16, 1, true, false);
            device.playback.open(format, block * BUFFER_BLOCKS * 2);
            device.capture.open(format, JavaSoundCycle.captureBufferFrames(block, BUFFER_BLOCKS) * 2);
            cycle = new JavaSoundCycle(callback, new CallbackStats(), device.capture, 1, device.playback, 1, block,
                    BUFFER_BLOCKS, RATE);
            // as the driver starts: silence ahead of the input, then both lines run
            byte[] silence = new byte[(BUFFER_BLOCKS - 1) * block * 2];
            device.playback.write(silence, 0, silence.length);
            device.capture.start();
            device.playback.start();
        }

        void run(long blocks) {
            for (long k = 0; k < blocks; k++) cycle.run();
        }
    }

    /**
     * The frames in flight (captured, not yet read, plus written, not yet played) start at the silence ahead of the
     * input and are held within the dead band of that, plus a block in the read's wait and a frame of rounding: the
     * capture buffer, a part of them, cannot hold more.
     */
    private static long fillBound(int block) {
        int ahead = JavaSoundCycle.ahead(block, BUFFER_BLOCKS);
        return ahead + block + DriftCorrector.deadBand(ahead, block) + 2;
    }

    private static void assertCorrects(long num, long den, int block, long blocks) throws Exception {
        Follower follower = new Follower();
        Rig rig = new Rig(num, den, block, follower);
        rig.run(blocks);
        long dropped = rig.cycle.framesDropped();
        rig.run(1); // a frame dropped is the last of its block's read: the callback sees the gap in the next block
        assertEquals(follower.skipped, dropped, "every dropped frame counted, no other (clock " + num + "/" + den
                + ", block " + block + ")");
        SimulatedDuplexDevice d = rig.device;
        String at = " (clock " + num + "/" + den + ", block " + block + ")";
        // the reference: how many frames more (or fewer) the capture clock made than the playback clock played
        double excess = d.ticks * ((double) num / den - 1);
        long net = rig.cycle.framesDropped() - rig.cycle.framesDuplicated();
        assertEquals(excess, net, fillBound(block), "net frames dropped against the clocks' difference" + at);
        assertTrue(Math.abs(excess) < 10 || Math.abs(net) > Math.abs(excess) / 2, "it corrected at all" + at);
        assertEquals(0, num > den ? rig.cycle.framesDuplicated() : rig.cycle.framesDropped(),
                "corrections only one way" + at);
        assertTrue(d.maxCapturedFill <= fillBound(block),
                "capture buffer bounded: " + d.maxCapturedFill + " frames at most" + at);
        assertEquals(0, d.overflows, "capture never overflowed" + at);
        assertEquals(0, d.underruns, "playback never ran dry" + at);
        assertEquals(follower.repeated, rig.cycle.framesDuplicated(), "every duplicated frame counted, no other" + at);
        assertEquals(0, follower.misplaced, "no frame out of order" + at);
    }

    /**
     * 500 ppm: more than two cheap sound cards drift apart; one device drifts by a few ppm. (The corrector makes up to
     * one frame a block: 977 ppm at 1024 frames.)
     */
    @Test
    void aFastInputDropsFramesAsTheClocksDifferAndKeepsTheCaptureBufferBounded() throws Exception {
        assertCorrects(2001, 2000, 64, 40_000);
        assertCorrects(2001, 2000, 16, 100_000);
        assertCorrects(2001, 2000, 1024, 4_000);
    }

    @Test
    void aSlowInputDuplicatesFramesAsTheClocksDifferAndNeverRunsDry() throws Exception {
        assertCorrects(1999, 2000, 64, 40_000);
        assertCorrects(1999, 2000, 16, 100_000);
        assertCorrects(1999, 2000, 1024, 4_000);
    }

    @Test
    void oneClockIsNeverCorrected() throws Exception {
        Rig rig = new Rig(1, 1, 64, new Follower());
        rig.run(40_000);
        assertEquals(0, rig.cycle.framesDropped() + rig.cycle.framesDuplicated());
        assertEquals(0, rig.device.underruns + rig.device.overflows);
        assertEquals(2 * 64, rig.device.written - rig.device.read, "the silence ahead stays the round trip");
    }

    @Test
    void tenThousandBlocksWithInputAndDriftCorrectionsAllocateNothing() throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(new Net().node("in", "AudioInput", "channels", "1")
                .node("out", "AudioOutput", "channels", "1").connect("in.out1", "out.in1").spec(),
                TestProcessors.registry(), 256));
        AudioCallback callback = new AudioCallback() {
            public void configure(double sampleRate, int inputs, int outputs, int maxBlock) {
            }

            public boolean process(float[][] in, float[][] out, int frames) {
                engine.process(in, out, frames);
                return true;
            }

            public void shutdown() {
            }
        };
        Rig rig = new Rig(1001, 1000, 256, callback); // fast enough that blocks drop frames while measured
        Runnable block = rig.cycle::run;
        Runnable tenThousand = () -> rig.run(10_000);
        tenThousand.run();
        AllocationMeter.warmUp(block, 5000, 100_000);
        long droppedBefore = rig.cycle.framesDropped();
        long bytes = AllocationMeter.fewestBytesOver(3, tenThousand);
        assertEquals(0, bytes, "bytes allocated by Conch's part of 10,000 full-duplex blocks");
        assertTrue(rig.cycle.framesDropped() - droppedBefore > 100, "frames were dropped meanwhile");
    }
}
