package dev.conch.engine.io;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test signals made of exact sample codes, and an independent Java Sound reader. */
final class WavTestSupport {
    private WavTestSupport() {
    }

    /**
     * Frames whose values are exact codes of {@code format}: the extremes (-1.0 and the largest positive code),
     * zero, ±1 LSB, then seeded random codes; each channel different.
     */
    static float[][] exactSignal(SampleFormat format, int channels, int frames, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = switch (format) {
                    case PCM16 -> code(i + c, r, 16);
                    case PCM24 -> code(i + c, r, 24);
                    case FLOAT32 -> switch ((i + c) % 8) {
                        case 0 -> -1.0f;
                        case 1 -> 1.0f;
                        case 2 -> 1.75f; // float keeps headroom: no clipping
                        case 3 -> Float.MIN_VALUE; // a subnormal survives too
                        case 4 -> -0.0f;
                        default -> (float) (r.nextGaussian() * 0.3);
                    };
                };
            }
        }
        return x;
    }

    private static float code(int k, Random r, int bits) {
        int full = 1 << (bits - 1);
        int code = switch (k % 7) {
            case 0 -> -full;      // -1.0
            case 1 -> full - 1;   // largest positive code
            case 2 -> 0;
            case 3 -> 1;
            case 4 -> -1;
            default -> r.nextInt(2 * full) - full;
        };
        return (float) code / full;
    }

    /**
     * Reads a file with Java Sound's own reader and decodes the bytes here (little-endian PCM or float), without
     * going through {@link AudioFileLoader}.
     */
    static float[][] readWithJavaSound(File f) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f)) {
            AudioFormat fmt = in.getFormat();
            int ch = fmt.getChannels();
            int bytes = fmt.getSampleSizeInBits() / 8;
            byte[] raw = in.readAllBytes();
            int frames = raw.length / fmt.getFrameSize();
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[][] x = new float[ch][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < ch; c++) {
                    int p = (i * ch + c) * bytes;
                    if (fmt.getEncoding() == AudioFormat.Encoding.PCM_FLOAT) {
                        x[c][i] = b.getFloat(p);
                    } else if (bytes == 2) {
                        x[c][i] = b.getShort(p) / 32768f;
                    } else if (bytes == 3) {
                        int v = (raw[p] & 0xFF) | (raw[p + 1] & 0xFF) << 8 | raw[p + 2] << 16; // top byte signed
                        x[c][i] = v / 8388608f;
                    } else {
                        throw new AssertionError("unexpected format " + fmt);
                    }
                }
            }
            return x;
        }
    }
}
