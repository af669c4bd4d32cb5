package dev.conch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;

import org.apache.flink.core.fs.BlockLocation;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;

/**
 * A Flink file system for the tests, scheme {@code objectfs://bucket/key}, registered the way S3's and HDFS's
 * plugins are (a {@link FileSystemFactory} service): the keys live under {@link #ROOT} on the local disk, and it
 * answers as a distributed file system. What Conch reads and writes through it, it would through s3:// or hdfs://.
 */
public final class ObjectStoreForTests implements FileSystemFactory {
    static final java.nio.file.Path ROOT;

    static {
        try {
            ROOT = Files.createTempDirectory("objectfs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String getScheme() {
        return "objectfs";
    }

    @Override
    public FileSystem create(URI uri) {
        return new Store();
    }

    private static final class Store extends FileSystem {
        private final LocalFileSystem disk = LocalFileSystem.getSharedInstance();

        private static Path onDisk(Path p) {
            URI u = p.toUri();
            return new Path(ROOT.resolve(u.getAuthority() + u.getPath()).toUri());
        }

        private static Path inStore(Path local) {
            java.nio.file.Path rel = ROOT.relativize(java.nio.file.Path.of(local.toUri()));
            return new Path("objectfs://" + rel.toString().replace('\\', '/'));
        }

        private static FileStatus named(FileStatus s, Path path) {
            return new FileStatus() {
                @Override public long getLen() { return s.getLen(); }
                @Override public long getBlockSize() { return s.getBlockSize(); }
                @Override public short getReplication() { return s.getReplication(); }
                @Override public long getModificationTime() { return s.getModificationTime(); }
                @Override public long getAccessTime() { return s.getAccessTime(); }
                @Override public boolean isDir() { return s.isDir(); }
                @Override public Path getPath() { return path; }
            };
        }

        @Override public Path getWorkingDirectory() { return new Path("objectfs:///"); }
        @Override public Path getHomeDirectory() { return getWorkingDirectory(); }
        @Override public URI getUri() { return URI.create("objectfs:///"); }
        @Override public boolean isDistributedFS() { return true; }

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            return named(disk.getFileStatus(onDisk(f)), f);
        }

        @Override
        public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) throws IOException {
            return disk.getFileBlockLocations(disk.getFileStatus(onDisk(file.getPath())), start, len);
        }

        @Override public FSDataInputStream open(Path f, int bufferSize) throws IOException { return disk.open(onDisk(f), bufferSize); }
        @Override public FSDataInputStream open(Path f) throws IOException { return disk.open(onDisk(f)); }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            FileStatus[] listed = disk.listStatus(onDisk(f));
            if (listed == null) return null;
            FileStatus[] named = new FileStatus[listed.length];
            for (int i = 0; i < listed.length; i++) named[i] = named(listed[i], inStore(listed[i].getPath()));
            return named;
        }

        @Override public boolean delete(Path f, boolean recursive) throws IOException { return disk.delete(onDisk(f), recursive); }
        @Override public boolean mkdirs(Path f) throws IOException { return disk.mkdirs(onDisk(f)); }

        @Override
        public FSDataOutputStream create(Path f, WriteMode overwriteMode) throws IOException {
            return disk.create(onDisk(f), overwriteMode);
        }

        @Override public boolean rename(Path src, Path dst) throws IOException { return disk.rename(onDisk(src), onDisk(dst)); }
    }
}
