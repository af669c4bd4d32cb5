package dev.conch.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line is built lazily (only the named subcommand): help must still see everything. */
class HelpTest {
    private static final String[] COMMANDS = {"render", "bench", "play", "devices", "validate", "list", "describe",
            "graph", "edit"};

    @Test
    void topLevelHelpListsEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exit(), r::toString);
            for (String c : COMMANDS) assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r);
        }
    }

    @Test
    void everyCommandPrintsItsOwnHelp() {
        for (String c : COMMANDS) {
            for (String[] args : new String[][] {{c, "--help"}, {"help", c}}) {
                CliRun r = CliRun.of(args);
                assertEquals(0, r.exit(), r::toString);
                assertTrue(r.out().contains("Usage: conch " + c), r::toString);
            }
        }
    }

    /** picocli wrapped the 80-column usage inside words ("NET.\nxml", "osc.\nfrequency=110"). */
    @Test
    void usageAndExamplesAreNeverSplitInsideAWord() {
        for (String c : new String[] {"render", "bench", "play"}) {
            CliRun r = CliRun.of(c, "--help");
            assertEquals("Usage: conch " + c + " [OPTIONS] NET.xml", r.out().lines().findFirst().orElse(""), r::toString);
        }
        String render = CliRun.of("render", "--help").out();
        assertTrue(render.contains("conch render networks/glass-drone.xml -o drone.wav --seconds 10 --set osc.frequency=110"),
                render);
        assertTrue(CliRun.of("play", "--help").out().contains("--seconds 10 --record take.wav"), "play's footer");
    }

    /** -o writes WAV, AIFF or FLAC; the help called it a WAV file. */
    @Test
    void renderHelpSaysOutputTakesEveryFormat() {
        String help = CliRun.of("render", "--help").out();
        int from = help.indexOf("-o, --output");
        String o = help.substring(from, help.indexOf("--seconds=S", from));
        assertTrue(o.contains("WAV, AIFF or FLAC"), o);
        assertFalse(o.contains("WAV file"), o);
    }

    @Test
    void versionPrintsTheVersionAlone() {
        for (String flag : new String[] {"--version", "-V"}) {
            CliRun r = CliRun.of(flag);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("conch "), r::toString);
            assertEquals(1, r.out().lines().count(), r::toString);
        }
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun r = CliRun.of("rendr", "x.xml");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("render"), r::toString);
    }
}
