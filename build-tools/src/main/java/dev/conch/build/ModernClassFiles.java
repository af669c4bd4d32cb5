package dev.conch.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites, in a jar and in place, every class file older than Java 6 (major version below 50) as a Java 8 class file
 * (major 52) with computed stack map frames; every other entry is copied as it was, in the same order, with its times.
 *
 * <p>Why: JDK 25's AOT cache leaves out any old class that was linked while it was trained (the JVM cannot record the
 * constraints of the old, inferring verifier), so picocli's, JLayer's, Woodstox's and the FLAC encoder's classes (all
 * Java 5 or older) were read from the jar, verified by inference and linked again on every start of
 * {@code conch process}. As Java 8 class files they are verified by type checking and stored in the cache.
 * benchmarks/README.md, "Start-up of a batch", has what it saved.
 *
 * <p>Fails, leaving the jar as it was, on a class it cannot rewrite: JSR/RET (no frames can describe them) or a frame
 * whose common super class is not in the jar or the JDK.
 */
public final class ModernClassFiles {
    /** Java 6: the first class-file version with stack map frames; older ones are verified by inference. */
    static final int FIRST_WITH_FRAMES = 50;

    private ModernClassFiles() {
    }

    /**
     * The build's entry point: {@code ModernClassFiles <jar>}. Silent when it succeeds, as a step of a quiet build
     * should be: the launcher's build (`mvn -q`) printed its count to every user who ran {@code ./conch} after a
     * change; {@code ConchJarIT} checks the result.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModernClassFiles <jar>: rewrites its class files older than Java 6");
        }
        Path jar = Path.of(args[0]);
        rewrite(jar);
    }

    /**
     * Rewrites the jar's old class files, through a temporary file beside it that then replaces it, and returns how
     * many it rewrote.
     */
    public static int rewrite(Path jar) throws IOException {
        Path absolute = jar.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        // a temporary file is made readable by its owner only; the jar keeps the permissions it had
        if (Files.getFileStore(absolute).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(absolute));
        }
        int rewritten = 0;
        try {
            // the jar's own classes answer the frames' common-super-class questions, never Maven's class path
            try (ZipFile in = new ZipFile(absolute.toFile());
                 URLClassLoader hierarchy = new URLClassLoader(new URL[] {absolute.toUri().toURL()},
                         ClassLoader.getPlatformClassLoader());
                 OutputStream file = Files.newOutputStream(temporary);
                 ZipOutputStream out = new ZipOutputStream(file)) {
                if (in.getComment() != null) out.setComment(in.getComment());
                for (ZipEntry entry : Collections.list(in.entries())) {
                    byte[] bytes;
                    try (InputStream content = in.getInputStream(entry)) {
                        bytes = content.readAllBytes();
                    }
                    ZipEntry copy = new ZipEntry(entry);
                    if (isOldClass(entry, bytes)) {
                        bytes = asJava8(bytes, hierarchy, absolute + "!/" + entry.getName());
                        rewritten++;
                    }
                    sized(copy, bytes);
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return rewritten;
    }

    /** A class file (by its magic number, not only its name) whose major version is below 50. */
    static boolean isOldClass(ZipEntry entry, byte[] bytes) {
        return entry.getName().endsWith(".class") && bytes.length >= 8
                && (bytes[0] & 0xff) == 0xca && (bytes[1] & 0xff) == 0xfe
                && (bytes[2] & 0xff) == 0xba && (bytes[3] & 0xff) == 0xbe
                && ((bytes[6] & 0xff) << 8 | (bytes[7] & 0xff)) < FIRST_WITH_FRAMES;
    }

    /**
     * The class as a Java 8 class file with frames. Frames are computed from the code alone: a ClassWriter built on the
     * ClassReader would copy the unchanged methods as they were, without frames, and the verifier would refuse them.
     */
    static byte[] asJava8(byte[] classFile, ClassLoader hierarchy, String where) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected ClassLoader getClassLoader() {
                    return hierarchy;
                }
            };
            reader.accept(new Java8(writer), 0);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(where + " cannot be rewritten as a Java 8 class file: " + e, e);
        }
    }

    /** Sets the sizes and checksum of an entry whose content may have changed; the method and times stay. */
    private static void sized(ZipEntry entry, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setSize(bytes.length);
        entry.setCrc(crc.getValue());
        // a stored entry's compressed size is its size; a deflated one's is known once written
        entry.setCompressedSize(entry.getMethod() == ZipEntry.STORED ? bytes.length : -1);
    }

    /** Passes the class on as version 52, refusing JSR and RET (subroutines have no stack map frames). */
    private static final class Java8 extends ClassVisitor {
        private String name;

        Java8(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                         String[] exceptions) {
            String where = name + "." + method + descriptor;
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, method, descriptor, signature, exceptions)) {
                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (opcode == Opcodes.JSR) throw new UnsupportedOperationException(where + " uses JSR");
                    super.visitJumpInsn(opcode, label);
                }

                @Override
                public void visitVarInsn(int opcode, int var) {
                    if (opcode == Opcodes.RET) throw new UnsupportedOperationException(where + " uses RET");
                    super.visitVarInsn(opcode, var);
                }
            };
        }
    }
}
