package dev.conch.processors.filter;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.processors.dsp.Dsp;
import dev.conch.processors.io.InputFile;
import dev.conch.processors.spectral.Fft;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Convolution with an impulse response read from a file, by uniform-partitioned FFT convolution (overlap-save, a
 * frequency-domain delay line; Wefers, "Partitioned convolution algorithms for real-time auralization", 2015, ch. 5):
 * the IR is cut into K partitions of P samples, each transformed once at 2P points in prepare. Every P input
 * samples the last 2P are transformed, multiplied with each partition's spectrum against the input spectrum from
 * that many partitions ago, summed, and transformed back; the second half is the next P output samples. The cost
 * per sample is two FFTs of 2P over P plus K complex products per bin, against L multiply-adds for direct
 * convolution of an L-sample IR.
 *
 * <p>The output is the convolution delayed by one partition, P samples (declared, so the compiler aligns parallel
 * dry paths): a partition is transformed once all its samples have arrived, and played while the next arrives.
 */
@ProcessorInfo(name = "Convolver", category = "Filters",
        description = "Convolves with an impulse response from a file (uniform-partitioned FFT); latency one partition.")
public final class Convolver extends Processor {
    /** The longest impulse response taken, in seconds: a minute of reverberation is more than any room. */
    static final double LONGEST_SECONDS = 60;

    private final Input in = audioIn("in", "signal");
    private final Output out = audioOut("out", "the signal convolved with the impulse response, one partition late");
    private final Param file = param(ParamSpec.fileToRead("file")
            .describe("the impulse response: an audio file (WAV, AIFF, AU, FLAC), converted to the network's rate on load; "
                    + "a relative path starts from the folder of the network file it is written in"));
    private final Param channel = param(ParamSpec.integer("channel", "", 1, 64, 1).asStructural()
            .describe("which channel of the file is the impulse response"));
    private final Param partition = param(ParamSpec.integer("partition", "samples", 64, 8192, 512).onlyPowersOfTwo()
            .asStructural().describe("partition length P, a power of two: the latency, and the block of the FFTs (2P points)"));
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).smoothed(20)
            .describe("output gain in decibels"));

    private Path path;
    private int p, partitions, width;
    private Fft fft;
    /** The partitions' spectra, {@code partitions} frames of {@code width} floats. */
    private float[] response;
    /** Input spectra of the last {@code partitions} blocks, a ring: block j at frame j mod partitions. */
    private float[] history;
    private int newest;
    private float[] sum, time, window, played;
    private int filled;
    private double tail;

    @Override
    protected void configure() {
        path = InputFile.path(file.text());
        if (path == null) return; // prepare says a file is needed; the palette shows the node without one
        int channels = InputFile.probe(path).channels();
        if (channel.intValue() > channels) {
            throw new IllegalArgumentException("channel " + channel.intValue() + " is past the " + channels
                    + " channel" + (channels == 1 ? "" : "s") + " of " + path.getFileName() + "; give a channel from 1 to " + channels);
        }
    }

    @Override
    public int latency() {
        return partition.intValue();
    }

    @Override
    public double tailSeconds() {
        return tail;
    }

    @Override
    public void prepare(ProcessContext ctx) {
        if (path == null) {
            throw new IllegalStateException("Convolver has no impulse response: set its 'file' parameter to an audio file");
        }
        float[] h = InputFile.load(path, ctx.sampleRate())[channel.intValue() - 1];
        if (h.length > LONGEST_SECONDS * ctx.sampleRate()) {
            throw new IllegalStateException("impulse response " + path.getFileName() + " is longer than "
                    + (int) LONGEST_SECONDS + " s; cut it shorter");
        }
        p = partition.intValue();
        int n = 2 * p;
        width = n + 2;
        partitions = Math.max(1, (h.length + p - 1) / p);
        fft = new Fft(n);
        response = new float[partitions * width];
        time = new float[n];
        for (int k = 0; k < partitions; k++) {
            Arrays.fill(time, 0f);
            System.arraycopy(h, k * p, time, 0, Math.min(p, h.length - k * p));
            fft.forward(time, response, k * width);
        }
        history = new float[partitions * width];
        sum = new float[width];
        window = new float[n];
        played = new float[p];
        tail = (double) (partitions + 1) * p / ctx.sampleRate();
        reset();
    }

    @Override
    public void reset() {
        Arrays.fill(history, 0f);
        Arrays.fill(window, 0f);
        Arrays.fill(played, 0f);
        newest = 0;
        filled = 0;
    }

    @Override
    public void process(int frames) {
        float[] x = in.buffer(), y = out.buffer();
        for (int i = 0; i < frames; ) {
            int n = Math.min(frames - i, p - filled);
            // the window's second half collects this partition while the last one's result plays
            System.arraycopy(x, i, window, p + filled, n);
            System.arraycopy(played, filled, y, i, n);
            filled += n;
            i += n;
            if (filled == p) {
                convolvePartition();
                filled = 0;
            }
        }
        if (gain.steady()) {
            float g = (float) Dsp.dbToGain(gain.value());
            if (g != 1f) for (int i = 0; i < frames; i++) y[i] *= g;
        } else {
            for (int i = 0; i < frames; i++) y[i] *= (float) Dsp.dbToGain(gain.next());
        }
    }

    /** Transforms the last 2P inputs, sums the products with every partition, keeps the valid half (overlap-save). */
    private void convolvePartition() {
        newest = newest == 0 ? partitions - 1 : newest - 1;
        System.arraycopy(window, 0, time, 0, 2 * p);
        fft.forward(time, history, newest * width);
        System.arraycopy(window, p, window, 0, p);
        Arrays.fill(sum, 0f);
        for (int k = 0; k < partitions; k++) {
            int xAt = ((newest + k) % partitions) * width, hAt = k * width;
            for (int b = 0; b < width; b += 2) {
                float xr = history[xAt + b], xi = history[xAt + b + 1], hr = response[hAt + b], hi = response[hAt + b + 1];
                sum[b] += xr * hr - xi * hi;
                sum[b + 1] += xr * hi + xi * hr;
            }
        }
        fft.inverse(sum, 0, time);
        System.arraycopy(time, p, played, 0, p);
    }
}
