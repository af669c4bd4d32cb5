package dev.conch.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import picocli.CommandLine;

/**
 * The rewriter against the JVM's own verifier: rewritten classes are loaded in a fresh class loader (type-checking
 * verification, the default for them) and run, and every other entry of the jar is compared byte for byte.
 */
class ModernClassFilesTest {
    @TempDir
    Path dir;

    /** A Java 5 class whose branches join a Left and a Right into their common super class, old.Base, found only in the jar. */
    @Test
    void anOldClassWithBranchesBecomesAVerifiedJava8ClassAndTheRestStaysAsItWas() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/", new byte[0]);
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes());
        entries.put("old/Base.class", type("old/Base", "java/lang/Object", 0, Opcodes.V1_5));
        entries.put("notes.class", "a resource that only looks like a class by its name".getBytes());
        entries.put("old/Left.class", type("old/Left", "old/Base", 1, Opcodes.V1_5));
        entries.put("old/Right.class", type("old/Right", "old/Base", 2, Opcodes.V1_1));
        entries.put("old/Chooser.class", chooser());
        entries.put("modern/Base.class", type("modern/Base", "java/lang/Object", 3, Opcodes.V17));
        entries.put("data/table.bin", new byte[] {0, 1, 2, 3, (byte) 0xca, (byte) 0xfe});
        Path jar = dir.resolve("app.jar");
        write(jar, entries);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        List<Snapshot> before = read(jar);

        assertEquals(4, ModernClassFiles.rewrite(jar));

        List<Snapshot> after = read(jar);
        assertEquals(before.stream().map(Snapshot::name).toList(), after.stream().map(Snapshot::name).toList(), "order");
        for (int i = 0; i < before.size(); i++) {
            Snapshot was = before.get(i);
            Snapshot is = after.get(i);
            assertEquals(was.time(), is.time(), was.name());
            assertEquals(was.method(), is.method(), was.name());
            if (was.name().startsWith("old/")) {
                assertEquals(52, major(is.bytes()), was.name());
            } else {
                assertArrayEquals(was.bytes(), is.bytes(), was.name());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> chooser = Class.forName("old.Chooser", true, loader);
            assertEquals(10, chooser.getMethod("pick", int.class).invoke(null, -1));
            assertEquals(21, chooser.getMethod("pick", int.class).invoke(null, 7));
            assertEquals(20, chooser.getMethod("pick", int.class).invoke(null, 3));
        }
        assertEquals(List.of("app.jar"), List.of(dir.toFile().list()), "no temporary file is left");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)), "as it was");
    }

    /** The check above can fail: the same class with only its version raised has no frames, and the verifier refuses it. */
    @Test
    void aVersionRaisedWithoutFramesIsRefusedByTheVerifier() throws Exception {
        byte[] chooser = chooser();
        chooser[7] = 52;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("old/Base.class", type("old/Base", "java/lang/Object", 0, Opcodes.V1_8));
        entries.put("old/Left.class", type("old/Left", "old/Base", 1, Opcodes.V1_8));
        entries.put("old/Right.class", type("old/Right", "old/Base", 2, Opcodes.V1_8));
        entries.put("old/Chooser.class", chooser);
        Path jar = dir.resolve("raised.jar");
        write(jar, entries);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(VerifyError.class, () -> Class.forName("old.Chooser", true, loader));
        }
    }

    /** Subroutines have no frames: the build stops, names the method, and leaves the jar as it was. */
    @Test
    void jsrIsRefusedAndTheJarIsLeftAsItWas() throws Exception {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_4, ACC_PUBLIC | ACC_SUPER, "old/Finally", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        Label subroutine = new Label();
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(subroutine);
        m.visitVarInsn(Opcodes.ASTORE, 0);
        m.visitVarInsn(Opcodes.RET, 0);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        Path jar = dir.resolve("jsr.jar");
        write(jar, Map.of("old/Finally.class", w.toByteArray()));
        byte[] before = Files.readAllBytes(jar);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModernClassFiles.rewrite(jar));
        assertTrue(e.getMessage().contains("jsr.jar!/old/Finally.class cannot be rewritten"), e.getMessage());
        assertTrue(e.getMessage().contains("old/Finally.run()V uses JSR"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(jar));
        assertEquals(List.of("jsr.jar"), List.of(dir.toFile().list()), "no temporary file is left");
    }

    /** A frame whose common super class is nowhere (not in the jar, not in the JDK) stops the build with the class's name. */
    @Test
    void aClassWhoseSuperClassIsMissingIsRefused() throws Exception {
        Path jar = dir.resolve("missing.jar");
        write(jar, Map.of("old/Chooser.class", chooser()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModernClassFiles.rewrite(jar));
        assertTrue(e.getMessage().contains("missing.jar!/old/Chooser.class cannot be rewritten"), e.getMessage());
    }

    /** picocli 4.7.7, a real Java 5 jar: every class rewritten, and every one passes the verifier when initialised. */
    @Test
    void everyClassOfPicocliPassesTheVerifierAfterwards() throws Exception {
        Path jar = dir.resolve("picocli.jar");
        Files.copy(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);
        List<String> old = new ArrayList<>();
        for (Snapshot s : read(jar)) {
            if (s.name().endsWith(".class") && major(s.bytes()) < 50) old.add(s.name());
        }
        assertTrue(old.size() > 100, "picocli is a Java 5 jar: " + old.size());

        assertEquals(old.size(), ModernClassFiles.rewrite(jar));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (Snapshot s : read(jar)) {
                if (!s.name().endsWith(".class") || s.name().endsWith("module-info.class")) continue;
                assertTrue(major(s.bytes()) >= 50, s.name());
                Class.forName(s.name().replace('/', '.').substring(0, s.name().length() - ".class".length()), true, loader);
            }
            Class<?> line = Class.forName("picocli.CommandLine", true, loader);
            assertEquals("4.7.7", line.getField("VERSION").get(null));
        }
    }

    private record Snapshot(String name, long time, int method, byte[] bytes) {
    }

    private static List<Snapshot> read(Path jar) throws IOException {
        List<Snapshot> all = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    all.add(new Snapshot(e.getName(), e.getTime(), e.getMethod(), in.readAllBytes()));
                }
            }
        }
        return all;
    }

    /** Entries in the given order, each at its own time; the .bin one stored, the others deflated. */
    private static void write(Path jar, Map<String, byte[]> entries) throws IOException {
        long time = 1_600_000_000_000L;
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(time += 86_400_000L);
                if (e.getKey().endsWith(".bin")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static int major(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    /** A class with a constructor and {@code int id()} returning the given number. */
    private static byte[] type(String name, String superName, int id, int version) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, superName, null);
        MethodVisitor init = w.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = w.visitMethod(ACC_PUBLIC, "id", "()I", null, null);
        m.visitCode();
        m.visitIntInsn(Opcodes.BIPUSH, id);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /**
     * Java 5, no frames: {@code static int pick(int x) { Base b = x < 0 ? new Left() : new Right(); return b.id() * 10
     * + (x > 5 ? 1 : 0); }}. The join of the two branches needs Base, the common super class of Left and Right.
     */
    private static byte[] chooser() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_5, ACC_PUBLIC | ACC_SUPER, "old/Chooser", null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(ACC_PUBLIC | ACC_STATIC, "pick", "(I)I", null, null);
        m.visitCode();
        Label right = new Label();
        Label join = new Label();
        Label small = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFGE, right);
        construct(m, "old/Left");
        m.visitJumpInsn(Opcodes.GOTO, join);
        m.visitLabel(right);
        construct(m, "old/Right");
        m.visitLabel(join);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "old/Base", "id", "()I", false);
        m.visitIntInsn(Opcodes.BIPUSH, 10);
        m.visitInsn(Opcodes.IMUL);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitInsn(Opcodes.ICONST_5);
        m.visitJumpInsn(Opcodes.IF_ICMPLE, small);
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IADD);
        m.visitLabel(small);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private static void construct(MethodVisitor m, String type) {
        m.visitTypeInsn(Opcodes.NEW, type);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
    }
}
