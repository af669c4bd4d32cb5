package dev.conch.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
