package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conch edit X.clamnetwork} reads the file before any window opens: one that CLAM could not read either, or
 * that is not there, is one located sentence on the terminal, as for every other command (the editor then asks about
 * parts Conch lacks; that side is ClamImportUiTest's).
 */
class EditCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenOrMissingClamFileIsOneSentenceBeforeAnyWindow() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.clamnetwork"), "<network>\n<processing id=\"a\" type=\"AudioSink\">\n</network>");
        CliRun b = CliRun.of("edit", broken.toString());
        assertEquals(2, b.exit(), b::toString);
        assertTrue(b.err().strip().matches("(?s).*broken\\.clamnetwork:3:\\d+: the file is not well-formed XML.*"), b::toString);
        assertEquals(1, b.err().strip().lines().count(), b::toString);

        Path missing = dir.resolve("missing.clamnetwork");
        CliRun m = CliRun.of("edit", missing.toString());
        assertEquals(2, m.exit(), m::toString);
        assertTrue(m.err().contains(missing + ": no such file"), m::toString);
        assertEquals(1, m.err().strip().lines().count(), m::toString);
    }
}
