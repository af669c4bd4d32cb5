package dev.conch.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import dev.conch.engine.batch.BatchJob;

/**
 * The inputs of {@code conch process}, as the user named them: files, folders (their sound files, not
 * descending into sub-folders) and globs the shell did not expand ({@code "takes/*.wav"}), in that order, each
 * file once. A name that matches nothing is a sentence, so a typo never quietly shrinks a batch.
 */
final class BatchInputs {
    /** What a folder contributes: the extensions of the formats Conch reads. */
    private static final String NO_SOUND_FILES = ": the folder holds no sound files (WAV, AIFF, AU, FLAC or MP3)";
    private static final Set<String> SOUND = Set.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd", "flac", "rf64", "bw64", "mp3");

    private BatchInputs() {
    }

    /**
     * @param cluster the Flink runner, whose file systems read URIs ({@code s3://bucket/takes/a.wav}, a folder
     *                {@code s3://bucket/takes/}, a glob {@code 's3://bucket/takes/*.wav'}); null for the local runner
     */
    static List<String> expand(List<String> args, BatchJob.Runner cluster) throws UserError, IOException {
        Set<String> files = new LinkedHashSet<>();
        for (String arg : args) {
            if (cluster != null && isUri(arg)) {
                files.addAll(expandUri(arg, cluster));
                continue;
            }
            if (isUri(arg) && !arg.startsWith("file:")) {
                throw new UserError(arg + ": a URI is read through Flink's file systems: give --runner flink-local or "
                        + "flink, or a local file here");
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                List<String> inside = soundFilesIn(p);
                if (inside.isEmpty()) throw new UserError(arg + NO_SOUND_FILES);
                files.addAll(inside);
            } else if (Files.exists(p)) {
                files.add(arg);
            } else if (isGlob(arg)) {
                List<String> matched = glob(arg);
                if (matched.isEmpty()) throw new UserError(arg + ": no file matches this pattern");
                files.addAll(matched);
            } else {
                throw new UserError(arg + ": no such file or folder");
            }
        }
        return new ArrayList<>(files);
    }

    /** A URI as a file, a folder (ending in /) or a glob in its last part, listed by the runner's file systems. */
    private static List<String> expandUri(String arg, BatchJob.Runner cluster) throws UserError, IOException {
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
            inside = cluster.filesIn(parent);
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

    private static List<String> soundFilesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> SOUND.contains(extension(f))).map(Path::toString).sorted().toList();
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
