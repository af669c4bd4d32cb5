package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code conch play} through the paced null driver: it reads, changes and checks its network as render does. */
class PlayTest {
    @Test
    void playsThroughTheNullDriverWithSetAndRate() {
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.3",
                "--set", "osc.frequency=300", "--rate", "44100", "--quiet");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("stopped:"), r::toString);
    }

    @Test
    void aBadRateOrSetIsOneSentence() {
        CliRun rate = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.1", "--rate", "5");
        assertEquals(2, rate.exit(), rate::toString);
        assertTrue(rate.err().contains("--rate 5: give a sample rate from 1000 to 768000 Hz"), rate::toString);
        CliRun set = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.1",
                "--set", "oss.frequency=3");
        assertEquals(2, set.exit(), set::toString);
        assertTrue(set.err().contains("no node 'oss' (did you mean 'osc'?)"), set::toString);
        assertFalse(rate.err().contains("\tat ") || set.err().contains("\tat "), "no stack trace");
    }

    /**
     * A choice typed while playing takes the word, as --set does, and the index: the recording's last 50 ms must be
     * a sawtooth, i.e. break the sine's exact recurrence x[n+1] + x[n-1] = 2 cos(w) x[n] at its jumps.
     */
    @Test
    void aChoiceTypedWhilePlayingTakesTheWordOrTheIndex(@TempDir Path dir) throws Exception {
        for (String typed : new String[] {"osc.waveform=saw", "set osc waveform 1"}) {
            Path rec = dir.resolve(typed.length() + ".wav");
            java.io.InputStream stdin = System.in;
            CliRun r;
            try {
                System.setIn(new java.io.ByteArrayInputStream((typed + "\n").getBytes(StandardCharsets.UTF_8)));
                r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.6",
                        "--record", rec.toString(), "--quiet");
            } finally {
                System.setIn(stdin);
            }
            assertEquals(0, r.exit(), r::toString);
            assertFalse(r.err().contains("choices by index") || r.err().contains("not a number"), r::toString);
            float[] x = RenderTest.Wav.read(rec).channels()[0];
            double k = 2 * Math.cos(2 * Math.PI * 1000 / 48000);
            double worst = 0;
            for (int n = x.length - 2400; n < x.length - 1; n++) {
                worst = Math.max(worst, Math.abs(x[n + 1] + x[n - 1] - k * x[n]));
            }
            assertTrue(worst > 0.2, typed + ": still a sine at the end (residual " + worst + ")\n" + r);
        }
        CliRun sine = CliRun.of("render", CliRun.network("sine.xml"), "-o", dir.resolve("s.wav").toString(),
                "--set", "osc.waveform=0", "-q");
        assertEquals(0, sine.exit(), "--set takes the index too\n" + sine);
    }

    /** --record writes 24 bits: a sine at amplitude 4 (+12.0 dBFS) clips, and play says so, with the count. */
    @Test
    void aRecordingThatClipsSaysSo(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("loud.wav");
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.3",
                "--set", "osc.amplitude=4", "--record", rec.toString(), "--quiet");
        assertEquals(0, r.exit(), r::toString);
        long atFullScale = 0;
        for (float[] ch : RenderTest.Wav.read(rec).channels()) {
            for (float x : ch) if (x == -1f || x == 8388607 / 8388608f) atFullScale++;
        }
        assertTrue(atFullScale > 1000, "the test signal clips: " + atFullScale);
        assertTrue(r.err().contains("warning: " + rec + ": " + atFullScale + " samples clipped (peak +12.0 dBFS); "
                + "lower the gain"), atFullScale + "\n" + r);
    }
}
