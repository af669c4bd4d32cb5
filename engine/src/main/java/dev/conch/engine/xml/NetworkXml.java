package dev.conch.engine.xml;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Origin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Network files (format version {@link NetworkSpec#FORMAT_VERSION}): reading with every problem located at
 * line:column, and writing canonical, diff-friendly text. The format is described in docs/network-format.md.
 *
 * <p>Reading goes through the StAX parser Jackson XML uses (Woodstox), locked against DTDs and external
 * entities. Round trip: {@code read(write(s))} equals {@code s} (locations aside, values trimmed of surrounding
 * whitespace) and {@code write(read(write(s)))} is {@code write(s)} byte for byte.
 */
public final class NetworkXml {
    private NetworkXml() {
    }

    /** Reads a network file; problems name the file by its file name. */
    public static NetworkSpec read(Path file) throws NetworkException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path name = file.getFileName();
        return NetworkReader.read(bytes, name != null ? name.toString() : file.toString()).withOrigin(new Origin(file));
    }

    /** Reads network text; {@code sourceName} is how problems name it (a file name, "clipboard", ...). */
    public static NetworkSpec read(String xml, String sourceName) throws NetworkException {
        return NetworkReader.read(xml, sourceName != null ? sourceName : "network");
    }

    /**
     * The XML text of a network.
     *
     * @throws IllegalArgumentException if the spec holds something no XML file can (a control character in a
     *                                  value, a NaN position, an endpoint that is not node.port)
     */
    public static String write(NetworkSpec spec) {
        return NetworkWriter.write(spec);
    }

    /**
     * Saves a network so that the file is either the old one or the complete new one, never half written:
     * the text goes to a temporary file beside the target, which is then moved over it.
     */
    public static void write(NetworkSpec spec, Path file) throws IOException {
        byte[] bytes = write(spec).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A temporary file is private to its owner; the saved network should keep the access it had (or usual). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default is already what the platform gives new files
        }
    }
}
