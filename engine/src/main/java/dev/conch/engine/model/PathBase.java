package dev.conch.engine.model;

import java.nio.file.Path;

/**
 * Where a relative file path written in a param starts, as Pd resolves a patch's files against the patch's folder:
 * the folder of the network file it was written in (a sub-network's own file for what is inside it), or the current
 * folder for a path typed on the command line ({@code --set}). Like a {@link Location}, it says where a value came
 * from, and never takes part in equality.
 *
 * @param file   the network file the path was written in; null: typed on the command line, or a network with no
 *               file yet (read from text, built in code), whose paths start from the current folder
 * @param legacy written in a file older than {@link NetworkSpec#PATHS_VERSION}, which took relative paths from the
 *               current folder: a path not found from the file's folder is still looked for there, with a warning
 */
public record PathBase(Path file, boolean legacy) {
    /** A path typed on the command line: from the current folder, as every shell tool takes it. */
    public static final PathBase TYPED = new PathBase(null, false);

    /** Where the paths written in {@code spec}'s own file start. */
    public static PathBase of(NetworkSpec spec) {
        return new PathBase(spec.origin().file(), spec.version() < NetworkSpec.PATHS_VERSION);
    }

    /** The folder a relative path starts from. */
    public Path folder() {
        Path parent = file == null ? null : file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : currentFolder();
    }

    /** The folder as a sentence names it: "the folder of voice.xml (/home/me/voices)", "the current folder (...)". */
    public String named() {
        return (file == null ? "the current folder" : "the folder of " + file.getFileName()) + " (" + folder() + ")";
    }

    public static Path currentFolder() {
        return Path.of("").toAbsolutePath();
    }
}
