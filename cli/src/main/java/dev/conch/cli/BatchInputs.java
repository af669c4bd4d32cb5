package dev.conch.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.batch.BatchJob;

/**
 * The inputs of {@code conch process}, as the user named them: files, folders (their sound files; with
 * {@code --recursive} those of their sub-folders too) and globs the shell did not expand ({@code "takes/*.wav"}), in
 * that order, each file once. A name that matches nothing is a sentence, so a typo never quietly shrinks a batch.
 */
final class BatchInputs {
    /**
     * One input file and the name its outputs take in the output folder: its file name, or for a file found in a
     * sub-folder of a folder given with {@code --recursive}, its path below that folder ({@code drums/kick.wav}), so
     * the outputs keep the tree.
     */
    record Input(String path, String name) {
    }

    /** What a folder contributes: the extensions of the formats Conch reads. */
    private static final String NO_SOUND_FILES = ": the folder holds no sound files (WAV, AIFF, AU, FLAC or MP3)";
    private static final Set<String> SOUND = Set.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd", "flac", "rf64", "bw64", "mp3");

    private BatchInputs() {
    }

    /**
     * @param cluster the Flink runner, whose file systems read URIs ({@code s3://bucket/takes/a.wav}, a folder
     *                {@code s3://bucket/takes/}, a glob {@code 's3://bucket/takes/*.wav'}); null for the local runner
     * @param outputs a folder whose files are left out (the batch's own output folder, when it is inside a folder given
     *                with {@code --recursive}: a second run would take the first one's outputs as inputs); null for
     *                none
     */
    static List<Input> expand(List<String> args, BatchJob.Runner cluster, boolean recursive, Path outputs)
            throws UserError, IOException {
        Path skipped = outputs == null ? null : FilePaths.real(outputs);
        Map<String, Input> files = new LinkedHashMap<>();
        for (String arg : args) {
            if (cluster != null && isUri(arg)) {
                String folder = arg.endsWith("/") ? arg : null;
                for (String f : expandUri(arg, cluster, recursive)) {
                    boolean below = folder != null && f.startsWith(folder);
                    files.putIfAbsent(f, new Input(f, below ? f.substring(folder.length()) : fileName(f)));
                }
                continue;
            }
            if (isUri(arg) && !arg.startsWith("file:")) {
                throw new UserError(arg + ": a URI is read through Flink's file systems: give --runner flink-local or "
                        + "flink, or a local file here");
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                List<Path> inside = soundFilesIn(p, recursive).stream()
                        .filter(f -> skipped == null || !FilePaths.real(f).startsWith(skipped)).toList();
                if (inside.isEmpty()) {
                    throw new UserError(arg + NO_SOUND_FILES + (!recursive && hasSoundFilesBelow(p)
                            ? "; its sub-folders do: add --recursive to take them" : ""));
                }
                for (Path f : inside) {
                    String name = p.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                    files.putIfAbsent(f.toString(), new Input(f.toString(), name));
                }
            } else if (Files.exists(p)) {
                files.putIfAbsent(arg, new Input(arg, fileName(arg)));
            } else if (isGlob(arg)) {
                List<String> matched = glob(arg);
                if (matched.isEmpty()) throw new UserError(arg + ": no file matches this pattern");
                for (String f : matched) files.putIfAbsent(f, new Input(f, fileName(f)));
            } else {
                throw new UserError(arg + ": no such file or folder");
            }
        }
        return new ArrayList<>(files.values());
    }

    /**
     * The folders among {@code args} that were not descended into and have sub-folders holding sound files: what
     * {@code --recursive} would add, for a note, so that a forgotten flag does not quietly shrink a batch.
     */
    static List<String> foldersWithSoundBelow(List<String> args) throws IOException {
        List<String> found = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (!isUri(arg) && Files.isDirectory(p) && hasSoundFilesBelow(p)) found.add(arg);
        }
        return found;
    }

    private static boolean hasSoundFilesBelow(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path sub : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                if (!soundFilesIn(sub, true).isEmpty()) return true;
            }
        }
        return false;
    }

    private static String fileName(String path) {
        return dev.conch.engine.batch.BatchItem.fileName(path);
    }

    /** A URI as a file, a folder (ending in /) or a glob in its last part, listed by the runner's file systems. */
    private static List<String> expandUri(String arg, BatchJob.Runner cluster, boolean recursive)
            throws UserError, IOException {
        int slash = arg.lastIndexOf('/');
        String name = arg.substring(slash + 1);
        boolean folder = name.isEmpty();
        if (!folder && !isGlob(name)) return List.of(arg);
        String parent = arg.substring(0, slash + 1);
        if (isGlob(parent.substring(parent.indexOf("://") + 3))) {
            throw new UserError(arg + ": a pattern may only be in the file name (the folder part is taken as it is)");
        }
        List<String> inside;
        try {
            inside = cluster.filesIn(parent, folder && recursive);
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(arg + ": no such folder " + parent);
        }
        PathMatcher m = folder ? null : FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<String> matched = inside.stream()
                .filter(u -> folder ? SOUND.contains(extension(u)) : m.matches(Path.of(u.substring(u.lastIndexOf('/') + 1))))
                .sorted().toList();
        if (matched.isEmpty()) {
            throw new UserError(arg + (folder ? NO_SOUND_FILES
                    : ": no file matches this pattern"));
        }
        return matched;
    }

    /** The sound files in {@code dir} (and below it, when {@code recursive}), sorted by their path. */
    private static List<Path> soundFilesIn(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> SOUND.contains(extension(f))).sorted().toList();
        }
    }

    /** "s3://b/x.wav", "hdfs:///x", "file:///x": a scheme of two letters or more (so C:\\ stays a path). */
    static boolean isUri(String arg) {
        return arg.matches("[A-Za-z][A-Za-z0-9+.-]+://.*");
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** A glob in the last part of the path ("takes/*.wav"); the folder part is taken as it is. */
    private static List<String> glob(String arg) throws UserError, IOException {
        Path p = Path.of(arg);
        Path dir = p.getParent() == null ? Path.of("") : p.getParent();
        if (isGlob(dir.toString())) {
            throw new UserError(arg + ": a pattern may only be in the file name (the folder part is taken as it is); "
                    + "let the shell expand it, or name the folders");
        }
        Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
        if (!Files.isDirectory(listed)) throw new UserError(arg + ": no such folder " + listed);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        try (Stream<Path> s = Files.list(listed)) {
            return s.filter(Files::isRegularFile).filter(f -> m.matches(f.getFileName()))
                    .map(f -> dir.resolve(f.getFileName()).toString()).sorted().toList();
        }
    }

    private static String extension(Path f) {
        return extension(f.getFileName().toString());
    }

    private static String extension(String n) {
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
