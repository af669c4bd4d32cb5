package dev.conch.cli;

import dev.conch.editor.EditorApp;
import dev.conch.clam.ClamImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code conch edit NET.xml}: opens the network in the JavaFX editor and returns when its window is closed. A file
 * that does not exist yet starts an empty network that Save writes there. The file is read here first, so a
 * broken network is reported like every other command does, line and column, before any window opens.
 */
@Command(name = "edit", description = "Open a network in the visual editor (a new file starts an empty network).",
        footer = {"", "Example:", "  conch edit networks/glass-drone.xml"})
final class EditCommand extends CliCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NET.xml", description = "the network file (optional)")
    String network;

    @Option(names = "--partial", description = "a CLAM file: open what Conch can take, leaving out what it lacks, "
            + "without asking")
    boolean partial;

    @Override
    int run() throws Exception {
        Path file = network == null ? null : Path.of(network);
        ClamImport imported = null;
        if (file != null && ClamFiles.isClam(network)) {
            // a CLAM network opens imported, unsaved: Save asks for a Conch .xml, the .clamnetwork is never written.
            // What it lacks is asked about in the window (as --partial would), a file CLAM itself could not read refused here
            imported = ClamFiles.read(network, NetworkFiles.existing(network), true, err());
        } else if (file != null && Files.exists(file)) {
            NetworkFiles.read(network);
        }
        if (!hasDisplay()) {
            throw new UserError("conch edit needs a screen, and this session has none (DISPLAY is not set): run it on a "
                    + "desktop, or under xvfb-run; conch play and conch render work without one");
        }
        if (imported != null) EditorApp.launch(file, imported, partial);
        else EditorApp.launch(file);
        return OK;
    }

    /** JavaFX on Linux needs an X11 or Wayland display (or Monocle, which the headless tests select). */
    static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (!os.contains("linux")) return true;
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
