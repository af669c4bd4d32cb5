package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.conch.engine.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with an independent implementation, SoX: files sox writes in every format Conch reads come back as the
 * same samples; files Conch writes are accepted by {@code soxi} with the right format, length and (AIFF)
 * metadata, and sox's own decoder gives the samples Conch wrote. Skipped without sox, unless
 * {@code CI=true} (.ci/run installs sox) turns the absence into a failure.
 */
class SoxInteropTest {
    private static final int FRAMES = 12_345;

    @TempDir
    Path dir;

    @BeforeAll
    static void needSox() {
        boolean present;
        try {
            present = run(List.of("sox", "--version"), null).contains("SoX");
        } catch (IOException e) {
            present = false;
        }
        ExternalTools.require(present, "sox is not installed (apt-get install sox)");
    }

    @Test
    void filesWrittenBySoxReadBackToTheSameSamples() throws IOException {
        // 16-bit codes: every target format below holds them exactly, so any difference is a decoding error
        for (int channels : new int[] {2, 4}) {
            float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM16, channels, FRAMES, channels);
            Path src = dir.resolve("src" + channels + ".wav");
            try (WavWriter w = WavWriter.open(src, channels, 44100, SampleFormat.PCM16)) {
                w.write(x, 0, FRAMES);
                w.commit();
            }
            String[][] targets = {
                    {"-b", "16", "s16.aiff"}, {"-b", "24", "s24.aiff"}, {"-e", "floating-point", "-b", "32", "f32.aifc"},
                    {"-b", "24", "s24.wav"}, {"-e", "signed", "-b", "32", "s32.wav"},
                    {"-e", "floating-point", "-b", "32", "f32.wav"}, {"-e", "floating-point", "-b", "64", "f64.wav"},
                    {"-b", "16", "s16.au"}, {"-b", "24", "s24.au"}, {"-e", "floating-point", "-b", "32", "f32.au"},
                    {"-b", "16", "s16.flac"}, {"-b", "24", "s24.flac"}};
            for (String[] t : targets) {
                Path out = dir.resolve(channels + "-" + t[t.length - 1]);
                List<String> cmd = new ArrayList<>(List.of("sox", "-D", src.toString()));
                for (int i = 0; i < t.length - 1; i++) cmd.add(t[i]);
                cmd.add(out.toString());
                run(cmd, null);
                AudioData d = AudioFileLoader.load(out);
                String what = out.getFileName() + " (" + d.format() + ")";
                assertEquals(44100, d.sampleRate(), what);
                assertEquals(channels, d.channelCount(), what);
                for (int c = 0; c < channels; c++) assertArrayEquals(x[c], d.channels()[c], what + " channel " + c);
            }
        }
    }

    /**
     * Noise in every bit of 16- and 24-bit codes, little-endian (WAV) and big-endian (AIFF), made by sox: the samples
     * {@link AudioFileStream} reads in blocks are sox's own codes (decoded to raw 32-bit integers) over full scale,
     * across its buffer's ends (FRAMES is more than a buffer of each) and on every channel of 1 to 3.
     */
    @Test
    void everyBitOfSoxsIntegerCodesIsRead() throws IOException {
        for (String bits : new String[] {"16", "24"}) {
            for (String type : new String[] {"wav", "aiff"}) {
                for (int channels = 1; channels <= 3; channels++) {
                    Path f = dir.resolve("noise-" + bits + "-" + channels + "." + type);
                    run(List.of("sox", "-R", "-D", "-n", "-r", "48000", "-c", Integer.toString(channels), "-b", bits,
                            f.toString(), "synth", FRAMES + "s", "whitenoise", "gain", "6"), null);
                    Path raw = dir.resolve(f.getFileName() + ".s32");
                    run(List.of("sox", "-D", f.toString(), "-t", "raw", "-e", "signed", "-b", "32", "-L", raw.toString()),
                            null);
                    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
                    assertEquals(FRAMES * channels, b.remaining() / 4, f.getFileName() + ": samples sox decoded");
                    float[][] y = new float[channels][FRAMES];
                    try (AudioFileStream in = AudioFileStream.open(f)) {
                        for (int at = 0, n; (n = in.read(y, at, Math.min(4099, FRAMES - at))) > 0; ) at += n;
                    }
                    int lowBits = 0;
                    for (int i = 0; i < FRAMES; i++) {
                        for (int c = 0; c < channels; c++) {
                            int code = b.getInt() >> (32 - Integer.parseInt(bits)); // sox scales to 32 bits
                            lowBits |= code;
                            float expected = code / (float) (1 << (Integer.parseInt(bits) - 1));
                            if (y[c][i] != expected) {
                                assertEquals(expected, y[c][i], f.getFileName() + " frame " + i + " channel " + c);
                            }
                        }
                    }
                    assertEquals(1, lowBits & 1, f.getFileName() + ": the codes' lowest bit must vary for this to mean anything");
                }
            }
        }
    }

    /**
     * FLAC from the reference encoder (the {@code flac} tool, not sox's libFLAC settings): fastest and strongest
     * compression, a block size that is not a power of two, a tiny one, and no stereo decorrelation, at 16 and 24 bits,
     * mono to 6 channels; every sample decodes to the one encoded.
     */
    @Test
    void filesFromTheReferenceFlacEncoderDecodeToTheSameSamples() throws IOException {
        ExternalTools.requireOnPath("flac");
        String[][] settings = {{"-0"}, {"-8"}, {"-5", "--blocksize=4608"}, {"-5", "--blocksize=192"},
                {"-8", "--no-mid-side"}, {"-8", "--lax", "--max-lpc-order=32"}};
        int case_ = 0;
        for (SampleFormat format : new SampleFormat[] {SampleFormat.PCM16, SampleFormat.PCM24}) {
            for (int channels : new int[] {1, 2, 6}) {
                float[][] x = WavTestSupport.exactSignal(format, channels, FRAMES, 17 + channels);
                Path src = dir.resolve("ref-" + format.bits() + "-" + channels + ".wav");
                try (WavWriter w = WavWriter.open(src, channels, 96000, format)) {
                    w.write(x, 0, FRAMES);
                    w.commit();
                }
                for (String[] set : settings) {
                    Path out = dir.resolve("ref-" + case_++ + ".flac");
                    List<String> cmd = new ArrayList<>(List.of("flac", "--silent", "--force"));
                    cmd.addAll(List.of(set));
                    cmd.addAll(List.of("-o", out.toString(), src.toString()));
                    run(cmd, null);
                    AudioData d = AudioFileLoader.load(out);
                    String what = String.join(" ", set) + ", " + format.bits() + " bits, " + channels + " channels";
                    assertEquals(96000, d.sampleRate(), what);
                    assertEquals(channels, d.channelCount(), what);
                    for (int c = 0; c < channels; c++) assertArrayEquals(x[c], d.channels()[c], what + ", channel " + c);
                }
            }
        }
    }

    @Test
    void filesWrittenByConchAreAcceptedBySoxWithTheRightFormatLengthAndSamples() throws IOException {
        AudioMetadata meta = new AudioMetadata("Glass drone", "Ada", "take 3", "Conch", "2026-11-25");
        for (FileType type : FileType.values()) {
            for (SampleFormat format : SampleFormat.values()) {
                if (type == FileType.FLAC && format.isFloat()) continue;
                float[][] x = WavTestSupport.exactSignal(format == SampleFormat.FLOAT32 ? SampleFormat.PCM24 : format,
                        3, FRAMES, 11);
                Path f = dir.resolve("conch-" + format.code() + "." + type.code());
                try (AudioWriter w = AudioWriter.open(f, 3, 48000, new WriteOptions(type, format, false, 0, meta))) {
                    w.write(x, 0, FRAMES);
                    w.commit();
                }
                String info = run(List.of("soxi", f.toString()), null);
                String what = f.getFileName() + ":\n" + info;
                assertTrue(info.contains("Channels       : 3"), what);
                assertTrue(info.contains("Sample Rate    : 48000"), what);
                assertTrue(info.contains("= " + FRAMES + " samples"), what);
                String enc = format.isFloat() ? "32-bit Floating Point PCM"
                        : type == FileType.FLAC ? format.bits() + "-bit FLAC" : format.bits() + "-bit Signed Integer PCM";
                assertTrue(info.contains("Sample Encoding: " + enc), what);
                if (type == FileType.AIFF) assertTrue(info.contains("take 3") && info.contains("software: Conch"), what);
                if (type == FileType.FLAC) assertTrue(info.contains("TITLE=Glass drone") && info.contains("ARTIST=Ada"), what);
                // sox decodes to raw 32-bit float; the values must be the ones Conch wrote
                float[][] y = soxDecode(f, 3);
                for (int c = 0; c < 3; c++) assertArrayEquals(x[c], y[c], f.getFileName() + " channel " + c + " via sox");
            }
        }
    }

    /** A file past the RIFF limit (lowered for the test) is RF64; sox must read its length and samples from ds64. */
    @Test
    void anRf64FileConchWritesIsReadBySox() throws IOException {
        float[][] x = WavTestSupport.exactSignal(SampleFormat.PCM24, 2, FRAMES, 13);
        Path f = dir.resolve("conch-rf64.wav");
        try (WavWriter w = WavWriter.open(f, 2, 48000, SampleFormat.PCM24, 4096)) {
            w.write(x, 0, FRAMES);
            w.commit();
        }
        String info = run(List.of("soxi", f.toString()), null);
        assertTrue(info.contains("= " + FRAMES + " samples") && info.contains("24-bit Signed Integer PCM"), info);
        float[][] y = soxDecode(f, 2);
        for (int c = 0; c < 2; c++) assertArrayEquals(x[c], y[c], "RF64 channel " + c + " via sox");
    }

    private float[][] soxDecode(Path f, int channels) throws IOException {
        Path raw = dir.resolve(f.getFileName() + ".f32");
        run(List.of("sox", "-D", f.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString()), null);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int frames = b.remaining() / 4 / channels;
        assertEquals(FRAMES, frames, "frames sox decoded from " + f.getFileName());
        float[][] y = new float[channels][frames];
        for (int i = 0; i < frames; i++) for (int c = 0; c < channels; c++) y[c][i] = b.getFloat();
        return y;
    }

    private static String run(List<String> cmd, Path cwd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + text);
        return text;
    }
}
