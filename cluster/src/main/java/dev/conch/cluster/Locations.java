package dev.conch.cluster;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files named by a path or by a URI of any Flink file system (local, and S3 or HDFS through Flink's filesystem
 * plugins). A local one is used in place, as {@code conch process} would; another is copied to a local temporary file
 * to be read, and written the way every Conch writer writes: to a temporary name beside the target, renamed when
 * complete.
 */
final class Locations {
    private Locations() {
    }

    /** No scheme, or file: a path this JVM can open. */
    static boolean isLocal(String location) {
        return !location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") || location.startsWith("file:");
    }

    static Path local(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    static String child(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    static org.apache.flink.core.fs.Path flink(String location) {
        return new org.apache.flink.core.fs.Path(location);
    }

    static boolean exists(String location) throws IOException {
        if (isLocal(location)) return Files.exists(local(location));
        org.apache.flink.core.fs.Path p = flink(location);
        return p.getFileSystem().exists(p);
    }

    /**
     * The files directly in the folder {@code location} (and in its sub-folders, when {@code recursive}), as URIs of
     * its file system, sorted.
     */
    static List<String> filesIn(String location, boolean recursive) throws IOException {
        List<String> files = new ArrayList<>();
        if (!collect(flink(location), recursive, files)) throw new FileNotFoundException(location);
        Collections.sort(files);
        return files;
    }

    /** Adds the files in {@code folder} (and below, when {@code recursive}); false when there is no such folder. */
    private static boolean collect(org.apache.flink.core.fs.Path folder, boolean recursive, List<String> files)
            throws IOException {
        FileStatus[] listed = folder.getFileSystem().listStatus(folder);
        if (listed == null) return false;
        for (FileStatus f : listed) {
            if (!f.isDir()) files.add(f.getPath().toString());
            else if (recursive) collect(f.getPath(), true, files);
        }
        return true;
    }

    /** A local copy of {@code location} in {@code scratch} (or the file itself when it is local). */
    static Path fetch(String location, Path scratch) throws IOException {
        if (isLocal(location)) return local(location);
        org.apache.flink.core.fs.Path p = flink(location);
        Path copy = scratch.resolve(p.getName());
        try (FSDataInputStream in = p.getFileSystem().open(p)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    /** Schemes of Flink's object-store file systems (S3 through Hadoop or Presto, Google Cloud Storage, Aliyun OSS). */
    private static final java.util.Set<String> OBJECT_STORES = java.util.Set.of("s3", "s3a", "s3p", "gs", "oss");

    /**
     * Puts the local file {@code from} at {@code location}, whole or not at all. On a file system, through a temporary
     * file renamed over the target; on an object store (S3 and its kind) straight to the target, since an object
     * appears only when its upload completes, and a rename there is a copy and a delete of the whole object.
     */
    static void publish(Path from, String location) throws IOException {
        org.apache.flink.core.fs.Path target = flink(location);
        FileSystem fs = target.getFileSystem();
        if (OBJECT_STORES.contains(String.valueOf(target.toUri().getScheme()).toLowerCase(java.util.Locale.ROOT))) {
            try (InputStream in = Files.newInputStream(from);
                 FSDataOutputStream out = fs.create(target, FileSystem.WriteMode.OVERWRITE)) {
                in.transferTo(out);
            }
            return;
        }
        org.apache.flink.core.fs.Path temp = new org.apache.flink.core.fs.Path(target.getParent(),
                "." + target.getName() + ".part-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        boolean moved = false;
        try {
            try (InputStream in = Files.newInputStream(from);
                 FSDataOutputStream out = fs.create(temp, FileSystem.WriteMode.NO_OVERWRITE)) {
                in.transferTo(out);
            }
            fs.delete(target, false);
            if (!fs.rename(temp, target)) throw new IOException("cannot rename " + temp + " to " + target);
            moved = true;
        } finally {
            if (!moved) fs.delete(temp, false);
        }
    }

    /** Writes {@code bytes} at {@code location}, whole or not at all. */
    static void write(String location, byte[] bytes) throws IOException {
        if (isLocal(location)) {
            dev.conch.engine.io.TempTarget.writeAtomically(local(location), bytes);
            return;
        }
        Path temp = Files.createTempFile("conch-", ".part");
        try {
            Files.write(temp, bytes);
            publish(temp, location);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
