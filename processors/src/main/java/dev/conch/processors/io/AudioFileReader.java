package dev.conch.processors.io;

import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioFileStream;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.Release;
import dev.conch.processors.dsp.Dsp;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Plays an audio file (WAV, RF64, AIFF, AU, FLAC): one output per channel of the file, so the port count is read
 * from the file's header in {@link #configure()}.
 *
 * <p>What plays ({@link PlaybackPlan}): from {@code start} to {@code end} (0 = the end of the file), then
 * silence, or with {@code loop} back to {@code loopStart} and the region [loopStart, end) forever, the seam
 * crossfaded over {@code xfade} ms with the material before loopStart (0 ms, the default, loops sample-exactly).
 * Changing {@code seek} (seconds; -1 = never) moves the playhead there.
 *
 * <p>Memory or disk, the rule: a file whose decoded samples take at most {@value #STREAM_THRESHOLD_MB} MiB
 * (frames × channels × 4 bytes), every FLAC and MP3 file, and every file that must be resampled, is loaded whole in
 * {@link #prepare}; a larger WAV/AIFF/AU file streams from disk through a reader thread and a lock-free ring
 * ({@link DiskStreamer}), so the audio thread never touches the disk. {@code mode} forces one or the other.
 *
 * <p>A file at another sample rate than the network is resampled on load by the engine's windowed-sinc
 * {@link dev.conch.engine.io.Resampler} (passband ripple &lt; 0.1 dB, stopband rejection &gt; 80 dB), unless {@code resample} is
 * off: then prepare refuses with a sentence saying so.
 */
@ProcessorInfo(name = "AudioFileReader", category = "Files",
        description = "Plays an audio file (WAV, AIFF, AU, FLAC, MP3), once or looped; one output per channel.")
public final class AudioFileReader extends Processor {
    static final int STREAM_THRESHOLD_MB = 32;
    /** Frames the reader thread reads per chunk; the ring holds at least 4 chunks or 1 s. */
    private static final int CHUNK = 4096;

    private final Param file = param(ParamSpec.fileToRead("file")
            .describe("the audio file to play; a relative path starts from the folder of the network file it is written in"));
    private final Param loop = param(ParamSpec.bool("loop", false).asStructural()
            .describe("start again from loopStart at the end"));
    private final Param start = param(ParamSpec.number("start", "s", 0, 86400, 0).asStructural()
            .describe("where playback begins, in seconds from the start of the file"));
    private final Param end = param(ParamSpec.number("end", "s", 0, 86400, 0).asStructural()
            .describe("where playback (or the loop region) ends, in seconds; 0 = the end of the file"));
    private final Param loopStart = param(ParamSpec.number("loopStart", "s", 0, 86400, 0).asStructural()
            .describe("where a loop jumps back to, in seconds"));
    private final Param xfade = param(ParamSpec.number("xfade", "ms", 0, 1000, 0).asStructural()
            .describe("crossfade at the loop seam with the material before loopStart; 0 = sample-exact loop"));
    private final Param seek = param(ParamSpec.number("seek", "s", -1, 86400, -1)
            .describe("move the playhead here (seconds) whenever this changes; -1 = no seek"));
    private final Param resample = param(ParamSpec.bool("resample", true).asStructural()
            .describe("convert a file at another sample rate on load; off = refuse it"));
    private final Param mode = param(ParamSpec.choice("mode", "auto", "auto", "memory", "disk").asStructural()
            .describe("auto: files over " + STREAM_THRESHOLD_MB + " MiB stream from disk (unless a control "
                    + "or automation drives seek); memory or disk forces one"));
    private final Param gain = param(ParamSpec.number("gain", "dB", -120, 24, 0).smoothed(20)
            .describe("playback gain in decibels"));
    private final Release fadeOut = new Release();
    private Output[] outs;
    private float[][] buffers;
    private float[][] samples;
    private float[] gains;
    private double sampleRate;
    private PlaybackPlan plan;
    private PlaybackPlan.Source memory;
    private AudioFileStream pendingStream;
    private DiskStreamer streamer;
    /** Streamed from disk: {@link #close} lets the file go, and a render after it ({@link #open}) opens it again. */
    private boolean disk;
    /** The disk stream's ring, in frames. */
    private int ringFrames;
    private double lastSeek = -1;

    @Override
    protected void configure() {
        Path path = path();
        int n = path == null ? 1 : InputFile.probe(path).channels();
        outs = new Output[n];
        for (int c = 0; c < n; c++) outs[c] = output(PortSpec.audio("out" + (c + 1), "channel " + (c + 1) + " of the file"));
    }

    @Override
    public void prepare(ProcessContext ctx) {
        fadeOut.prepare(ctx.sampleRate());
        Path path = path();
        if (path == null) {
            throw new IllegalStateException("AudioFileReader has no file to play: set its 'file' parameter to a path "
                    + "such as loop.wav");
        }
        sampleRate = ctx.sampleRate();
        int maxFirings = Math.max(ctx.maxFirings(), 1);
        gains = new float[maxFirings];
        buffers = new float[outs.length][];
        closeStreamer();
        try {
            var info = InputFile.check(path, outs.length, ctx.sampleRate(), resample.on());
            boolean sameRate = info.sampleRate() == ctx.sampleRate();
            long bytes = info.frames() < 0 ? Long.MAX_VALUE : info.frames() * info.channels() * 4L;
            // FLAC and MP3 are decoded whole: their frames are not where a disk stream could seek to
            boolean flac = info.format().startsWith("FLAC") || info.format().equals(AudioFileLoader.MP3);
            String m = mode.spec().choices().get(mode.choice());
            if (m.equals("disk") && seek.driven()) {
                throw new IllegalStateException("seek is driven by a control or automation, which a file streaming "
                        + "from disk can follow only between callbacks, so the sound would depend on the block size; "
                        + "set mode to memory or auto (a driven seek plays the file from memory)");
            }
            disk = sameRate && !flac && !seek.driven() && (m.equals("disk")
                    || (m.equals("auto") && bytes > STREAM_THRESHOLD_MB * 1024L * 1024L));
            if (disk) {
                ringFrames = (int) Math.max(Math.ceil(ctx.sampleRate()), Math.max(4L * CHUNK, 2L * maxFirings));
                openStreamer(path);
                samples = null;
            } else {
                float[][] src = InputFile.load(path, ctx.sampleRate());
                samples = src;
                memory = (frame, dst, offset, n) -> {
                    for (int c = 0; c < dst.length; c++) System.arraycopy(src[c], (int) frame, dst[c], offset, n);
                };
                plan = newPlan(src[0].length, src.length, maxFirings);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        lastSeek = seek.value();
    }

    /** The file streamed from its start, its plan new: as prepare leaves it. */
    private void openStreamer(Path path) throws IOException {
        AudioFileStream s = AudioFileStream.open(path);
        plan = newPlan(s.frames(), s.channels(), CHUNK);
        streamer = new DiskStreamer(s, plan, ringFrames, CHUNK);
    }

    private PlaybackPlan newPlan(long frames, int channels, int maxChunk) {
        checkRegion(frames);
        return new PlaybackPlan(frames, frames(start.value()), frames(end.value()), frames(loopStart.value()),
                loop.on(), (int) frames(xfade.value() / 1000), channels, maxChunk);
    }

    /**
     * Refuses a region that cannot play: {@code start} or {@code loopStart} at or past the end (the file's, or
     * {@code end}'s), which played silence or the last sample as DC, and {@code start} past {@code end}.
     *
     * @param length the file's frames at the network's rate
     */
    private void checkRegion(long length) {
        String file = "file " + path().getFileName() + " is " + seconds(length) + " long (" + length + " frames at "
                + InputFile.hz(sampleRate) + " Hz)";
        long stop = frames(end.value()) > 0 ? Math.min(frames(end.value()), length) : length;
        String stopText = frames(end.value()) > 0 && frames(end.value()) < length ? "end (" + seconds(stop) + ")"
                : "the end of the file";
        if (frames(start.value()) >= stop) {
            throw new IllegalStateException("start " + seconds(frames(start.value())) + " is at or past " + stopText
                    + ", so nothing would play; " + file + ": give a start before " + seconds(stop));
        }
        if (loop.on() && frames(loopStart.value()) >= stop) {
            throw new IllegalStateException("loopStart " + seconds(frames(loopStart.value())) + " is at or past "
                    + stopText + ", so the loop would hold one sample; " + file + ": give a loopStart before "
                    + seconds(stop));
        }
    }

    private String seconds(long frames) {
        return String.format(java.util.Locale.ROOT, "%.3f s", frames / sampleRate);
    }

    private long frames(double seconds) {
        return Math.round(seconds * sampleRate);
    }

    /** Starts the disk stream; after a close (a network rendered again, as a batch job does), a new one. */
    @Override
    public void open() throws IOException {
        if (disk && streamer == null) openStreamer(path());
        if (streamer != null) streamer.start();
    }

    @Override
    public void close() {
        closeStreamer();
    }

    private void closeStreamer() {
        if (streamer != null) {
            streamer.close();
            streamer = null;
        }
    }

    @Override
    public void awaitCapacity() throws InterruptedException {
        if (streamer != null) {
            checkSeek(); // offline a new seek is seen here, so the wait below covers it and nothing goes silent
            streamer.awaitData(gains.length);
        }
    }

    /** Moves the playhead when the seek param changed since the last look. */
    private void checkSeek() {
        double s = seek.value();
        if (s == lastSeek) return;
        lastSeek = s;
        if (s < 0) return;
        if (streamer != null) streamer.seek(frames(s));
        else plan.seek(frames(s));
    }

    @Override
    public void release(long atFrame) {
        fadeOut.at(atFrame);
    }

    @Override
    public void reset() {
        fadeOut.reset();
        if (streamer != null) {
            streamer.seek(frames(start.value()));
        } else if (plan != null) {
            plan.reset();
        }
        lastSeek = seek.value();
    }

    @Override
    public void process(int frames) {
        float[] g = gains;
        if (gain.steady()) {
            float v = (float) Dsp.dbToGain(gain.value());
            for (int i = 0; i < frames; i++) g[i] = v;
        } else {
            for (int i = 0; i < frames; i++) g[i] = (float) Dsp.dbToGain(gain.next());
        }
        checkSeek();
        float[][] y = buffers;
        for (int c = 0; c < outs.length; c++) y[c] = outs[c].buffer();
        if (fadeOut.silent()) {
            // released and faded: the file stops here (nothing more is read)
            for (float[] b : y) java.util.Arrays.fill(b, 0, frames, 0f);
            fadeOut.advance(frames);
            return;
        }
        if (streamer != null) {
            streamer.poll(y, frames);
        } else {
            try {
                plan.fill(memory, y, 0, frames);
            } catch (IOException impossible) {
                // the memory source does no I/O
            }
        }
        for (int c = 0; c < outs.length; c++) {
            float[] b = y[c];
            for (int i = 0; i < frames; i++) b[i] *= g[i];
            fadeOut.apply(b, frames);
        }
        fadeOut.advance(frames);
    }

    /** True when the file streams from disk (tests). */
    boolean streaming() {
        return streamer != null;
    }

    /** The file param as an absolute path; null when empty (the registry's describe pass). */
    private Path path() {
        return InputFile.path(file.text());
    }
}
