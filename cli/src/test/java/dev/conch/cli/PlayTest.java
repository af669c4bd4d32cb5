package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code conch play} through the paced null driver: it reads, changes and checks its network as render does. */
class PlayTest {
    @Test
    void playsThroughTheNullDriverWithSetAndRate() {
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "0.3",
                "--set", "osc.frequency=300", "--rate", "44100", "--quiet");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("stopped:"), r::toString);
    }

    /** A log or a pipe gets the status as plain lines: a \r redraw would pile up in it as one garbled line. */
    @Test
    void theStatusIsPlainLinesWhenStderrIsNotATerminal() {
        assertFalse(RenderProgress.stderrIsTerminal(), "the test's stderr is not a terminal");
        CliRun r = CliRun.of("play", CliRun.network("sine.xml"), "--driver", "null", "--seconds", "2.5");
        assertEquals(0, r.exit(), r::toString);
        assertFalse(r.err().contains("\r"), r::toString);
        assertTrue(r.err().lines().filter(l -> l.startsWith("load ") && l.endsWith(" dBFS")).count() >= 2, r::toString);
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
}
