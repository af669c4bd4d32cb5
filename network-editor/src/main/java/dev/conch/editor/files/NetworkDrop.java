package dev.conch.editor.files;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which of the files dragged onto the window is a network the editor can open (the first .xml or CLAM .clamnetwork). */
public final class NetworkDrop {
    private NetworkDrop() {
    }

    public static Optional<File> network(List<File> files) {
        if (files == null) return Optional.empty();
        return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".xml")
                || dev.conch.clam.ClamImporter.isClamFile(f.toPath())).findFirst();
    }
}
