package dev.conch.engine.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded, seeded mutation fuzzer over real headers: the seed corpus in
 * {@code src/test/resources/dev/conch/engine/io/corpus/} (files written by sox: WAV PCM 8/16/24, float 32/64,
 * µ-law, A-law, extensible; AIFF 16/24, AIFF-C fl32; AU 16/float) plus files Conch writes (WAV/AIFF with
 * metadata, FLAC). Each mutant gets byte flips, 32-bit fields set to the extremes a lying header uses, cuts and
 * splices. Every load and probe must either succeed or throw {@link AudioFileException}; any other exception,
 * an {@code OutOfMemoryError} or a hang (the whole run has a time limit) fails. Same seed, same mutants: a
 * failure prints the seed and iteration to reproduce it.
 */
class HeaderFuzzTest {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] CORPUS = {"base16.wav", "pcm8.wav", "pcm24.wav", "float32.wav", "float64.wav",
            "ulaw.wav", "alaw.wav", "ext24.wav", "pcm16.aiff", "pcm24.aiff", "fl32.aifc", "pcm16.au", "pcmf.au"};
    private static final int MUTANTS_PER_FILE = 1500;
    private static final long SEED = 0xC0C4L;

    @TempDir
    Path dir;

    @Test
    void mutatedHeadersGiveAudioFileExceptionsOrAudioNeverAnythingElse() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : CORPUS) {
            try (InputStream in = HeaderFuzzTest.class.getResourceAsStream("corpus/" + name)) {
                assertTrue(in != null, "corpus file " + name + " is missing");
                seeds.add(in.readAllBytes());
            }
        }
        for (String ext : new String[] {"wav", "aiff", "flac"}) {
            Path f = dir.resolve("conch." + ext);
            WriteOptions o = WriteOptions.forTarget(f, SampleFormat.PCM24)
                    .withMetadata(new AudioMetadata("t", "a", "c", "s", "d"));
            try (AudioWriter w = AudioWriter.open(f, 2, 8000, o)) {
                w.write(WavTestSupport.exactSignal(SampleFormat.PCM24, 2, 33, 5), 0, 33);
                w.commit();
            }
            seeds.add(Files.readAllBytes(f));
        }
        Path target = dir.resolve("mutant.bin");
        int[] stats = new int[2];
        long[] slowest = {0, -1, -1}; // CPU ns, seed file, mutant
        // a hang never ends, so the wall-clock guard only has to be finite; it is generous because a busy machine
        // (CI shared with other jobs) stretches wall time. What a slow parse costs is judged in this thread's CPU
        // time below, which other processes do not inflate.
        assertTimeoutPreemptively(Duration.ofSeconds(900), () -> {
            SplittableRandom r = new SplittableRandom(SEED);
            for (int s = 0; s < seeds.size(); s++) {
                for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                    byte[] m = mutate(seeds.get(s), r);
                    Files.write(target, m);
                    long cpu = CPU.getCurrentThreadCpuTime();
                    try {
                        AudioFileLoader.probe(target);
                        AudioFileLoader.load(target);
                        stats[0]++;
                    } catch (AudioFileException expected) {
                        assertTrue(expected.getMessage().contains("mutant.bin"), expected.getMessage());
                        stats[1]++;
                    } catch (Throwable t) {
                        fail("seed file " + s + ", mutant " + i + " (fuzz seed " + SEED + "): " + t, t);
                    }
                    cpu = CPU.getCurrentThreadCpuTime() - cpu;
                    if (cpu > slowest[0]) {
                        slowest[0] = cpu;
                        slowest[1] = s;
                        slowest[2] = i;
                    }
                }
            }
        });
        // the seeds are a few kB: no mutant may cost a second of CPU (a lying size looping or allocating its claim)
        assertTrue(slowest[0] < 1_000_000_000L, String.format("seed file %d, mutant %d (fuzz seed %d) took %.2f s of CPU",
                slowest[1], slowest[2], SEED, slowest[0] / 1e9));
        // both outcomes must occur, or the mutator is too gentle or too brutal to test anything
        assertTrue(stats[0] > 100 && stats[1] > 100, "loaded " + stats[0] + ", refused " + stats[1]);
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            if (b.length < 4) break;
            // headers live in the first ~100 bytes: aim most edits there
            int p = r.nextInt(4) == 0 ? r.nextInt(b.length) : r.nextInt(Math.min(b.length, 96));
            switch (r.nextInt(6)) {
                case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[p] = (byte) r.nextInt(256);
                case 2 -> { // a 32-bit field set to what a lying header says
                    int v = switch (r.nextInt(6)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> Integer.MAX_VALUE;
                        case 3 -> Integer.MIN_VALUE;
                        case 4 -> r.nextInt(1 << 16);
                        default -> r.nextInt();
                    };
                    int q = Math.min(p, b.length - 4);
                    boolean big = r.nextBoolean();
                    for (int k = 0; k < 4; k++) b[q + k] = (byte) (v >>> (big ? 24 - 8 * k : 8 * k));
                }
                case 3 -> b = java.util.Arrays.copyOf(b, Math.max(0, p)); // cut
                case 4 -> { // drop a few bytes in the middle (an odd chunk loses its pad)
                    int n = 1 + r.nextInt(4);
                    if (p + n <= b.length) {
                        byte[] c = new byte[b.length - n];
                        System.arraycopy(b, 0, c, 0, p);
                        System.arraycopy(b, p + n, c, p, b.length - p - n);
                        b = c;
                    }
                }
                default -> { // duplicate a slice (chunks repeated)
                    int n = 1 + r.nextInt(Math.min(32, b.length - p));
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, p + n);
                    System.arraycopy(b, p, c, p + n, b.length - p);
                    b = c;
                }
            }
        }
        return b;
    }
}
