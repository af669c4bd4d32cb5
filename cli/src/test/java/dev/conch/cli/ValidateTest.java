package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code conch validate}: the success line, and every problem of a broken file with its line:col and node. */
class ValidateTest {

    @Test
    void goodNetworkPrintsCountsAndLatency() {
        CliRun r = CliRun.of("validate", CliRun.network("sine.xml"));
        assertEquals(0, r.exit(), r::toString);
        // 2 nodes (osc, out), 2 connections (osc.out -> in1, in2), nothing adds latency
        assertEquals("ok: 2 nodes, 2 connections, latency 0 samples (0.00 ms)", r.out().strip(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void brokenNetworkReportsEveryProblemWithFileLineColumnAndNode() {
        String file = CliRun.network("broken.xml");
        CliRun r = CliRun.of("validate", file);
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out(), r::toString);
        String f = Pattern.quote(file);
        // line 3: the misspelt type, with the compiler's suggestion
        assertTrue(Pattern.compile(f + ":3:\\d+: node 'osc'.*Oscilator.*").matcher(r.err()).find(), r::toString);
        assertTrue(r.err().contains("Oscillator"), "suggests the right name\n" + r);
        // line 7: a param value that is not a number, naming the param
        assertTrue(Pattern.compile(f + ":7:\\d+: node 'out', 'channels': .*two.*").matcher(r.err()).find(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void malformedXmlIsReportedWithItsPlace() {
        String file = CliRun.network("malformed.xml");
        CliRun r = CliRun.of("validate", file);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(Pattern.compile(Pattern.quote(file) + ":5:\\d+: ").matcher(r.err()).find(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void missingFileIsOneSentence() {
        CliRun r = CliRun.of("validate", "networks/does-not-exist.xml");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("networks/does-not-exist.xml: no such file", r.err().strip());
    }
}
