package dev.conch.engine.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import net.sourceforge.javaflacencoder.EncodingConfiguration;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACFileOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * Streams a FLAC file (16 or 24-bit) through javaflacencoder, encoding in the writing thread (no encoder
 * threads of its own), into a temporary file beside the target that {@link #commit()} renames over it.
 * The PCM codes are those {@link WavWriter} would write, so a FLAC and a WAV of the same render decode to the same
 * samples. FLAC metadata (Vorbis comments) is not written yet.
 */
public final class FlacWriter implements AudioWriter {
    private static final int BLOCK = 4096;

    private final TempTarget file;
    private final int channels;
    private final Quantizer quantizer;
    private final FLACEncoder encoder;
    private final FLACFileOutputStream out;
    private long frames;
    private boolean finished;

    private FlacWriter(TempTarget file, int channels, Quantizer q, FLACEncoder encoder, FLACFileOutputStream out) {
        this.file = file;
        this.channels = channels;
        this.quantizer = q;
        this.encoder = encoder;
        this.out = out;
    }

    public static FlacWriter open(Path target, int channels, double sampleRate, WriteOptions options) throws IOException {
        if (options.format().isFloat()) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC stores 16- or 24-bit integers, "
                    + "not 32-bit float");
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC takes 1 to 8 channels, not " + channels);
        }
        if (sampleRate != Math.rint(sampleRate) || sampleRate < 1 || sampleRate > 655350) {
            throw new IllegalArgumentException("cannot write " + target + ": FLAC stores a whole number of samples "
                    + "per second up to 655350, not " + sampleRate + " Hz");
        }
        TempTarget t = TempTarget.create(target);
        try {
            t.channel().close(); // the encoder writes through its own stream
            StreamConfiguration sc = new StreamConfiguration(channels, BLOCK, BLOCK, (int) sampleRate,
                    options.format().bits());
            FLACEncoder enc = new FLACEncoder();
            enc.setStreamConfiguration(sc);
            enc.setEncodingConfiguration(new EncodingConfiguration());
            FLACFileOutputStream os = new FLACFileOutputStream(new FileOutputStream(t.temp().toFile()));
            enc.setOutputStream(os);
            enc.openFLACStream();
            Quantizer q = new Quantizer(options.format().bits(), options.dither(), options.ditherSeed());
            return new FlacWriter(t, channels, q, enc, os);
        } catch (IOException | RuntimeException e) {
            t.discard();
            throw new IOException("cannot write " + t.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path target() {
        return file.target();
    }

    @Override
    public Path tempFile() {
        return file.temp();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long framesWritten() {
        return frames;
    }

    @Override
    public void write(float[][] data, int offset, int n) throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        // the encoder keeps a reference to the array until it has encoded it: a fresh one per call
        int[] interleaved = new int[n * channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) interleaved[i * channels + c] = quantizer.code(data[c][offset + i]);
        }
        try {
            encoder.addSamples(interleaved, n);
            encoder.encodeSamples(encoder.fullBlockSamplesAvailableToEncode(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot write " + target() + ": the FLAC encoder failed (" + e + ")", e);
        }
        frames += n;
    }

    @Override
    public void commit() throws IOException {
        if (finished) throw new IllegalStateException(target() + " is already committed or aborted");
        try {
            encoder.encodeSamples(encoder.samplesAvailableToEncode(), true);
            out.close();
            file.moveOver();
            finished = true;
        } catch (IOException | RuntimeException e) {
            abort();
            throw new IOException("cannot finish " + target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        finished = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // thrown away below
        }
        file.discard();
    }

    @Override
    public void close() {
        if (!finished) abort();
    }
}
