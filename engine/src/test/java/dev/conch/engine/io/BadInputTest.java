package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of broken file gives one AudioFileException whose sentence names the file and the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void zeroLengthDataChunk() throws IOException {
        ByteBuffer b = FileFormatsTest.le(44);
        b.put(FileFormatsTest.ascii("RIFF")).putInt(36).put(FileFormatsTest.ascii("WAVE"));
        FileFormatsTest.fmt(b, 1, 2, 48000, 16);
        b.put(FileFormatsTest.ascii("data")).putInt(0);
        expect(write("silent.wav", b), "silent.wav", "no audio", "empty");
    }

    @Test
    void aLyingDataSizeIsATruncationNotAnOutOfMemoryError() throws IOException {
        // a 60-byte file whose data chunk claims 4 GiB - 2 and whose RF64 ds64 claims 2^62 bytes
        ByteBuffer b = FileFormatsTest.le(60);
        b.put(FileFormatsTest.ascii("RIFF")).putInt(-1).put(FileFormatsTest.ascii("WAVE"));
        FileFormatsTest.fmt(b, 1, 1, 48000, 16);
        b.put(FileFormatsTest.ascii("data")).putInt(-2).putLong(0x1234_5678_9ABC_DEF0L);
        expect(write("liar.wav", b), "liar.wav", "truncated", "2147483647 frames", "only 4");
        ByteBuffer r = FileFormatsTest.le(12 + 36 + 24 + 8 + 4);
        r.put(FileFormatsTest.ascii("RF64")).putInt(-1).put(FileFormatsTest.ascii("WAVE"));
        r.put(FileFormatsTest.ascii("ds64")).putInt(28).putLong(0).putLong(1L << 62).putLong(0).putInt(0);
        FileFormatsTest.fmt(r, 1, 1, 48000, 16);
        r.put(FileFormatsTest.ascii("data")).putInt(-1).putInt(0);
        expect(write("liar-rf64.wav", r), "liar-rf64.wav", "truncated", "only 2");
    }

    @Test
    void aChunkLargerThanTheFileBeforeTheAudio() throws IOException {
        ByteBuffer b = FileFormatsTest.le(40);
        b.put(FileFormatsTest.ascii("RIFF")).putInt(32).put(FileFormatsTest.ascii("WAVE"));
        b.put(FileFormatsTest.ascii("bext")).putInt(100_000).put(new byte[20]);
        expect(write("bext.wav", b), "bext.wav", "'bext' chunk claims 100000 bytes", "only 20");
    }

    @Test
    void unknownFormatTagAndUnknownAiffCompression() throws IOException {
        ByteBuffer b = FileFormatsTest.le(48);
        b.put(FileFormatsTest.ascii("RIFF")).putInt(40).put(FileFormatsTest.ascii("WAVE"));
        FileFormatsTest.fmt(b, 0x1234, 1, 48000, 16);
        b.put(FileFormatsTest.ascii("data")).putInt(4).putInt(0);
        expect(write("odd-tag.wav", b), "odd-tag.wav", "encoding 0x1234", "cannot decode");
        ByteBuffer a = ByteBuffer.allocate(12 + 8 + 24 + 16 + 2);
        a.put(FileFormatsTest.ascii("FORM")).putInt(a.capacity() - 8).put(FileFormatsTest.ascii("AIFC"));
        a.put(FileFormatsTest.ascii("COMM")).putInt(24).putShort((short) 1).putInt(1).putShort((short) 16);
        AiffWriter.putExtended(a, 44100);
        a.put(FileFormatsTest.ascii("ima4")).putShort((short) 0);
        a.put(FileFormatsTest.ascii("SSND")).putInt(10).putInt(0).putInt(0).putShort((short) 0);
        expect(write("adpcm.aifc", a), "adpcm.aifc", "compressed with 'ima4'");
    }

    @Test
    void truncatedAiffAndFlac() throws IOException {
        Path aiff = dir.resolve("full.aiff");
        Path flac = dir.resolve("full.flac");
        for (Path f : new Path[] {aiff, flac}) {
            try (AudioWriter w = AudioWriter.open(f, 2, 44100, WriteOptions.forTarget(f, SampleFormat.PCM16))) {
                w.write(WavTestSupport.exactSignal(SampleFormat.PCM16, 2, 20_000, 1), 0, 20_000);
                w.commit();
            }
            byte[] all = Files.readAllBytes(f);
            Path cut = dir.resolve("cut-" + f.getFileName());
            Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
            // a FLAC header cannot show truncation (the frames must be decoded): only load sees it
            AudioFileException x = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(cut));
            assertTrue(x.getMessage().contains(cut.getFileName().toString()) && x.getMessage().contains("truncated")
                    && x.getMessage().contains("20000 frames"), x.getMessage());
            Path stub = dir.resolve("stub-" + f.getFileName());
            Files.write(stub, Arrays.copyOf(all, 10));
            expect(stub, stub.getFileName().toString());
        }
    }

    @Test
    void textRenamedWavAndDirectory() throws IOException {
        expect(Files.writeString(dir.resolve("readme.wav"), "These are my notes about the mix.\n"), "readme.wav", "text");
        Path folder = Files.createDirectory(dir.resolve("takes.wav"));
        expect(folder, "takes.wav", "is a folder");
    }

    /**
     * A named pipe is refused before it is opened: opening one blocks until something writes to it, so a pipe
     * given as a sample would hang the load forever. Unlike a file without read permission, this holds as root.
     */
    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("live.wav");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertEquals(0, mk.waitFor(), () -> "mkfifo failed");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "mkfifo made a pipe");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> expect(fifo, "live.wav", "not a regular file"));
    }

    @Test
    void aFmtChunkCutShortByTheEndOfTheFileIsCalledThatNotTooShort() throws IOException {
        // a 16-byte 'fmt ' chunk of which only 10 bytes are in the file
        ByteBuffer b = FileFormatsTest.le(30);
        b.put(FileFormatsTest.ascii("RIFF")).putInt(22).put(FileFormatsTest.ascii("WAVE"));
        b.put(FileFormatsTest.ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(48000)
                .putShort((short) 0);
        Path cut = write("cut-fmt.wav", b);
        expect(cut, "cut-fmt.wav", "ends 10 bytes into its 16-byte 'fmt ' chunk", "cut short");
        AudioFileException x = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(cut));
        assertFalse(x.getMessage().contains("only 16 bytes"), x.getMessage());
        // and a chunk that is really too short says how short, and what it needs
        ByteBuffer s = FileFormatsTest.le(40);
        s.put(FileFormatsTest.ascii("RIFF")).putInt(32).put(FileFormatsTest.ascii("WAVE"));
        s.put(FileFormatsTest.ascii("fmt ")).putInt(8).putShort((short) 1).putShort((short) 1).putInt(48000);
        s.put(FileFormatsTest.ascii("data")).putInt(4).putInt(0);
        expect(write("short-fmt.wav", s), "'fmt ' chunk is only 8 bytes (it needs at least 14)");
    }

    @Test
    void aDeviceIsNotAnAudioFileRatherThanEmpty() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        expect(zero, "/dev/zero is not an audio file", "not a regular file");
        AudioFileException x = assertThrows(AudioFileException.class, () -> AudioFileLoader.probe(zero));
        assertFalse(x.getMessage().contains("empty"), x.getMessage());
        assertThrows(AudioFileException.class, () -> AudioFileStream.open(zero));
    }

    @Test
    void aHugePathIsClippedInTheMessage() {
        Path huge = dir.resolve("x".repeat(1 << 20) + ".wav");
        AudioFileException x = assertThrows(AudioFileException.class, () -> AudioFileLoader.load(huge));
        assertTrue(x.getMessage().length() < 200, x.getMessage().length() + " chars");
        assertTrue(x.getMessage().contains("(" + huge.toString().length() + " chars)"), x.getMessage());
    }

    private Path write(String name, ByteBuffer b) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, Arrays.copyOf(b.array(), b.position()));
        return f;
    }

    private static void expect(Path f, String... parts) {
        for (Executable e : new Executable[] {() -> AudioFileLoader.load(f), () -> AudioFileLoader.probe(f)}) {
            AudioFileException x = assertThrows(AudioFileException.class, e::run);
            for (String p : parts) assertTrue(x.getMessage().contains(p), "'" + p + "' missing from: " + x.getMessage());
        }
    }

    private interface Executable {
        void run() throws Exception;
    }
}
