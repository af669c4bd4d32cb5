package dev.conch.processors.io;

import dev.conch.engine.io.AsyncAudioWriter;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Records its inputs to a WAV, AIFF or FLAC file (chosen by the file's extension: .aif/.aiff, .flac, else WAV;
 * FLAC takes 16 or 24-bit only). The audio thread only copies each block into a ring
 * ({@link AsyncAudioWriter}); a writer thread does the disk work. The file appears at its path only when the
 * network stops ({@link #close()}): until then it is written beside it as {@code name.wav.part-XXXXXXXX}, so a
 * crash or an abort never leaves a half-written file under the real name.
 *
 * <p>Live, if the disk falls behind by more than the ring (one second), whole blocks are dropped and counted in
 * {@link #result()}; an offline render waits instead ({@link #awaitCapacity()}), so it never drops.
 */
@ProcessorInfo(name = "AudioFileWriter", category = "Files",
        description = "Records its inputs to a WAV, AIFF or FLAC file (by extension; 16-bit, 24-bit or 32-bit float).")
public final class AudioFileWriter extends Processor {
    private final Param file = param(ParamSpec.fileToWrite("file")
            .describe("the file to write (.wav, .aiff or .flac); a relative path starts from the folder of the network file it is written in"));
    private final Param channels = param(ParamSpec.integer("channels", "", 1, 64, 2).asStructural()
            .describe("number of channels (inputs in1, in2, ...)"));
    private final Param format = param(ParamSpec.choice("format", "24", "16", "24", "32f").asStructural()
            .describe("sample format: 16 or 24-bit PCM, or 32-bit float (32f)"));
    private Input[] ins;
    /** The inputs' current buffers, gathered each block without allocating. */
    private float[][] block;
    private float[] silence;
    private double sampleRate;
    private int maxFirings;
    private AsyncAudioWriter writer;
    private AsyncAudioWriter.Result result;

    @Override
    protected void configure() {
        int n = channels.intValue();
        ins = new Input[n];
        for (int c = 0; c < n; c++) {
            ins[c] = input(PortSpec.audio("in" + (c + 1), "channel " + (c + 1) + " (silence if unconnected)")
                    .asOptional());
        }
    }

    @Override
    public void prepare(ProcessContext ctx) {
        Path t = target(); // fail now, with the network, rather than when it starts
        try {
            dev.conch.engine.io.WriteOptions.forTarget(t, SampleFormat.parse(format.spec().choices().get(format.choice())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AudioFileWriter cannot write " + t.getFileName() + ": " + e.getMessage(), e);
        }
        sampleRate = ctx.sampleRate();
        maxFirings = Math.max(ctx.maxFirings(), 1);
        block = new float[ins.length][];
        silence = new float[maxFirings];
    }

    /** Creates the temporary file and starts the writer thread. */
    @Override
    public void open() throws IOException {
        if (writer != null) return;
        result = null;
        SampleFormat f = SampleFormat.parse(format.spec().choices().get(format.choice()));
        writer = AsyncAudioWriter.open(target(), ins.length, sampleRate, f, maxFirings);
    }

    @Override
    public void process(int frames) {
        AsyncAudioWriter w = writer;
        if (w == null) return; // not opened (a validation or benchmark run): nothing to record
        for (int c = 0; c < ins.length; c++) {
            float[] x = ins[c].buffer();
            block[c] = x != null ? x : silence;
        }
        w.offer(block, frames); // a full ring drops the block and counts it; the audio thread never waits
    }

    @Override
    public void awaitCapacity() throws InterruptedException {
        if (writer != null) writer.awaitSpace(maxFirings);
    }

    /** Writes what is still queued and moves the finished file to its path. */
    @Override
    public void close() throws IOException {
        AsyncAudioWriter w = writer;
        if (w == null) return;
        writer = null;
        result = w.close();
    }

    /** The render did not finish: the temporary file goes, the target stays as it was. */
    @Override
    public void abort() {
        AsyncAudioWriter w = writer;
        if (w == null) return;
        writer = null;
        w.abort();
    }

    @Override
    public Path writesFile() {
        String text = file.text() == null ? "" : file.text().trim();
        if (text.isEmpty()) return null;
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            return null; // prepare reports it
        }
    }

    /** After {@link #close()}: the file, frames written and frames dropped; null before. */
    public AsyncAudioWriter.Result result() {
        return result;
    }

    /** The file param as an absolute path, or a clear IllegalStateException. */
    private Path target() {
        String text = file.text() == null ? "" : file.text().trim();
        if (text.isEmpty()) {
            throw new IllegalStateException("AudioFileWriter has no file to write: set its 'file' parameter "
                    + "to a path such as out.wav");
        }
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalStateException("AudioFileWriter: '" + text + "' is not a usable file path ("
                    + e.getReason() + ")");
        }
    }
}
