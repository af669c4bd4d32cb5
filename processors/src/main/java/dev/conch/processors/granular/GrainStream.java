package dev.conch.processors.granular;

import dev.conch.engine.runtime.Input;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.Release;
import dev.conch.processors.io.InputFile;
import dev.conch.processors.random.SplitMix64;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A granular stream: short enveloped grains read from a source, started {@code density} times a second, summed.
 *
 * <p><b>Source.</b> With {@code file} set, an audio file (WAV, AIFF, AU) loaded in {@link #prepare}, its channels
 * averaged to mono and, at another rate than the network's, converted on load ({@link InputFile#loadMono}); the
 * file loops (a grain reading past its end continues at its start). With {@code file} empty, the live input
 * {@code in}, kept in a ring of the last {@code buffer} seconds.
 *
 * <p><b>Where grains read.</b> A playhead moves through the source at {@code scan} times real time: scan 1 plays
 * through at the original speed, 0.5 takes twice as long (a time-stretch: each grain still plays at its own pitch),
 * 0 freezes, negative goes backwards. A file grain starts at position·length + playhead (+ position jitter, a
 * fraction of the length either way). A live grain starts position·buffer seconds behind the newest input sample
 * (0: as recent as possible) plus the playhead's lag, which grows by (1 - scan) per sample (that sum wraps around
 * the buffer), plus position jitter (a fraction of the buffer either way). A live grain is held inside the samples
 * already written and not yet overwritten, and shortened if its transposition would carry it out of them.
 *
 * <p><b>Timing.</b> Onsets are scheduled on an exact sample clock with a fractional part: the grain starting at
 * time t0 has elapsed time n - t0 at sample n, for both its envelope and its read position, whatever the block
 * size. The interval to the next onset is sampleRate / density, times (1 + densityjitter·u) with u uniform in
 * [-1, 1): the mean rate stays exactly the density. Per-grain values (duration, position, pitch, pan) are drawn
 * at the onset from a SplitMix64 generator seeded by {@code seed}, always in the same order and always all of them,
 * so the same seed gives bit-identical output at any block size and changing one jitter leaves the others' draws
 * alone.
 *
 * <p><b>Pitch.</b> ratio = 2^((transpose + pitchjitter·u) / 12), snapped to the nearest of {@code ratios} when that
 * list is given, read with 4-point Catmull-Rom (cubic Hermite) interpolation.
 *
 * <p><b>Voices.</b> {@code voices} grains are preallocated. When all are busy a new grain is dropped, or with
 * {@code steal = oldest} the oldest grain is cut off (abruptly) and replaced; {@link #droppedGrains()} and
 * {@link #stolenGrains()} count them.
 *
 * <p><b>Bit-identical summing.</b> Grains are rendered in segments: before each onset every active grain is
 * rendered up to that sample, so each output sample is always the sum of the active grains in slot order, the same
 * float additions in the same order at any block size.
 *
 * <p><b>On several threads.</b> Given more than one thread ({@code --threads 2}; {@link #splitsWork}), a block with
 * enough grain samples in it is rendered in parts, stretches of the block, one per thread: its grains are started
 * first, then each part renders its stretch, summing each sample over the grains in slot order as above, so the bits
 * are those of one thread ({@link VoicePool}).
 *
 * <p><b>Parts.</b> This class holds the params and wires the parts, as JSyn's GrainFarm composes its grains: an
 * {@link OnsetClock} says when grains start, a {@link GrainSource} (file or live, chosen once in prepare) owns the
 * playhead and says where they read, a {@link VoicePool} holds and sums them, {@link GrainEnvelope} shapes them.
 */
@ProcessorInfo(name = "GrainStream", category = "Time",
        description = "Granulates an audio file or the live input: density, duration, position, scan, pitch, jitter.")
public final class GrainStream extends Processor {
    private static final double MAX_RATIO = PitchRatios.MAX, MIN_RATIO = PitchRatios.MIN;
    /** The fewest samples, at the network's rate, of a file GrainStream granulates. */
    private static final int SHORTEST_FILE = 64;
    /**
     * What moving a grain on by a sample without reading it costs, against rendering one (a part of a block first
     * moves its grains on to its first sample): the read and envelope steps only, two grains at a time. Measured on
     * P3 at block 512, the parts on two threads at realtime priority: with 0.3 the first part took 6.4 µs and the
     * second 4.5 µs; 0.1 evens them out.
     */
    private static final double SKIP_COST = 0.1;
    /**
     * Grain samples per part below which a block is not split (about 170 µs of work). Handing a part to a spinning
     * worker costs about a microsecond, but on a quiet machine at normal priority (2026-12-06 19:30 UTC) P3 split at
     * 512 grain samples a part ran 4.3x slower on 2 threads than on 1 (`conch bench --threads 2`, block 512: 77 against
     * 17.8 ns a frame), and at block 4096 no faster (16.8 against 16.5): waking the worker, not the part, is the
     * cost. So only dense clouds split (64 grains at block 512).
     */
    static final int LEAST_PART_WORK = 32_768;
    /** {@link #LEAST_PART_WORK}, lowered by tests that check the split itself. */
    private int leastPartWork = LEAST_PART_WORK;
    /** Doubles past the block in each part's own arrays: two cache lines. */
    private static final int PART_PAD = 16;

    private final Input in = input(PortSpec.audio("in", "live signal to granulate (used when no file is set)").asOptional());

    private final Param file = param(ParamSpec.fileToRead("file")
            .describe("audio file to granulate (any rate, mixed to mono; a relative path starts from the folder of the network file it is written in); empty: granulate the live input"));
    private final Param buffer = param(ParamSpec.number("buffer", "s", 0.05, 60, 4).asStructural()
            .describe("seconds of live input kept for grains to read"));
    private final Param density = param(ParamSpec.number("density", "grains/s", 0.1, 2000, 20).perSample().smoothed(20)
            .describe("grains started per second (mean, with density jitter)"));
    private final Param duration = param(ParamSpec.number("duration", "ms", 1, 2000, 80).perSample().smoothed(20)
            .describe("length of each grain"));
    private final Param position = param(ParamSpec.number("position", "", 0, 1, 0).perSample().smoothed(20)
            .describe("where grains read: a fraction of the file, or of the live buffer back from now"));
    private final Param scan = param(ParamSpec.number("scan", "x", -8, 8, 1).perSample().smoothed(20)
            .describe("speed of the read position through the source: 1 real time, 0.5 stretched twice, 0 frozen"));
    private final Param transpose = param(ParamSpec.number("transpose", "st", -48, 48, 0).perSample().smoothed(20)
            .describe("pitch of the grains in semitones"));
    private final Param ratios = param(ParamSpec.text("ratios", "")
            .describe("allowed pitch ratios, such as 1 1.5 2: each grain's pitch snaps to the nearest; empty: any"));
    private final Param densityJitter = param(ParamSpec.number("densityjitter", "", 0, 1, 0)
            .describe("randomness of the time between grains: 0 regular, 1 anywhere from 0 to twice the mean"));
    private final Param durationJitter = param(ParamSpec.number("durationjitter", "", 0, 1, 0)
            .describe("random change of each grain's length, as a fraction either way"));
    private final Param positionJitter = param(ParamSpec.number("positionjitter", "", 0, 1, 0)
            .describe("random offset of each grain's read position, as a fraction of the source either way"));
    private final Param pitchJitter = param(ParamSpec.number("pitchjitter", "st", 0, 24, 0)
            .describe("random transposition of each grain, in semitones either way"));
    private final Param panJitter = param(ParamSpec.number("panjitter", "", 0, 1, 0)
            .describe("random offset of each grain's pan position either way (stereo)"));
    private final Param pan = param(ParamSpec.number("pan", "", -1, 1, 0)
            .describe("centre of the cloud, -1 left to 1 right (stereo)"));
    private final Param spread = param(ParamSpec.number("spread", "", 0, 1, 1)
            .describe("stereo width: 0 folds every grain to the centre, 1 leaves them where pan and jitter put them"));
    private final Param envelope = param(ParamSpec.choice("envelope", "hann", GrainEnvelope.NAMES)
            .describe("grain envelope: hann, tukey (flat top), trapezoid, or expdecay (percussive)"));
    private final Param alpha = param(ParamSpec.number("alpha", "", 0, 1, 0.5)
            .describe("fraction of a tukey or trapezoid grain spent fading in and out"));
    private final Param amplitude = param(ParamSpec.number("amplitude", "", 0, 4, 1).perSample().smoothed(20)
            .describe("gain applied to the sum of the grains (linear)"));
    private final Param voices = param(ParamSpec.integer("voices", "", 1, 4096, 64).asStructural()
            .describe("most grains sounding at once"));
    private final Param steal = param(ParamSpec.choice("steal", "drop", "drop", "oldest")
            .describe("when every voice is busy: drop the new grain, or cut off the oldest"));
    private final Param channels = param(ParamSpec.choice("channels", "stereo", "mono", "stereo").asStructural()
            .describe("mono (output out) or stereo with panned grains (outputs out1, out2)"));
    private final Param seed = param(ParamSpec.integer("seed", "", 0, Integer.MAX_VALUE, 1)
            .describe("seed of the random jitter: the same seed gives the same grains"));

    private Output outLeft, outRight;
    private boolean stereo;
    private PitchRatios allowed = PitchRatios.parse("");
    private final SplitMix64 random = new SplitMix64(1);
    private final OnsetClock clock = new OnsetClock(random);
    private final Release fadeOut = new Release();

    // ---- prepared state ----
    private double sampleRate;
    private GrainSource source;
    private VoicePool pool;
    private double[] sumLeft, sumRight, gains;
    /**
     * Per part of a split block, sums of its own: parts writing one array each near the other's stretch
     * would pass the cache line at the boundary back and forth between the cores. Each is longer than a block by
     * {@link #PART_PAD}, so two parts' arrays never share a line either.
     */
    private double[][] partLeft, partRight;

    // ---- running state ----
    private long blockStart;
    /** Block samples already summed: grains are rendered up to each onset before it starts one. */
    private int rendered;
    /** This block is rendered in parts, after its grains have started ({@link #part}). */
    private boolean splitting;
    /** The amplitude holds still this block: its value scales the sums, and {@link #gains} is not filled. */
    private boolean steadyGain;
    private long blocksInParts;

    @Override
    protected void configure() {
        allowed = PitchRatios.parse(ratios.text());
        stereo = channels.choice() == 1;
        if (stereo) {
            outLeft = output(PortSpec.audio("out1", "left"));
            outRight = output(PortSpec.audio("out2", "right"));
        } else {
            outLeft = output(PortSpec.audio("out", "the grains"));
        }
        Path path = path();
        if (path != null) InputFile.probe(path);
    }

    @Override
    public void prepare(ProcessContext ctx) {
        sampleRate = ctx.sampleRate();
        fadeOut.prepare(sampleRate);
        clock.prepare(sampleRate);
        int maxBlock = Math.max(1, ctx.maxFirings());
        Path path = path();
        source = path == null ? LiveGrainSource.of(buffer.value(), sampleRate, maxBlock) : fileSource(path);
        pool = new VoicePool(voices.intValue(), maxBlock, stereo);
        sumLeft = new double[maxBlock];
        sumRight = new double[maxBlock];
        gains = new double[maxBlock];
        partLeft = new double[VoicePool.MAX_PARTS][maxBlock + PART_PAD];
        partRight = stereo ? new double[VoicePool.MAX_PARTS][maxBlock + PART_PAD] : partLeft;
        reset();
    }

    private FileGrainSource fileSource(Path path) {
        float[] mono = InputFile.loadMono(path, sampleRate);
        if (mono.length < SHORTEST_FILE) {
            throw new IllegalStateException("audio file " + path + " holds only " + mono.length + " samples at "
                    + InputFile.hz(sampleRate) + " Hz; GrainStream needs at least " + SHORTEST_FILE
                    + " to granulate: give it a longer file");
        }
        return new FileGrainSource(mono);
    }

    /** Granulating a file it is a source and fades out; granulating its input it is an effect and rings on. */
    @Override
    public void release(long atFrame) {
        if (source.fadesOnRelease()) fadeOut.at(atFrame);
    }

    @Override
    public void reset() {
        random.seed(seed.intValue());
        clock.reset();
        fadeOut.reset();
        source.reset();
        pool.clear();
        blockStart = 0;
        rendered = 0;
        splitting = false;
    }

    @Override
    public double tailSeconds() {
        return source == null ? 0 : source.tailSeconds(duration.spec().max() / 1000);
    }

    // ---- counters (written on the audio thread; another thread may read a slightly stale value) ----

    /** Grains started since prepare or reset (stolen ones included, dropped ones not). */
    public long startedGrains() {
        return pool.started();
    }

    /** Grains not started because every voice was busy (steal = drop). */
    public long droppedGrains() {
        return pool.dropped();
    }

    /** Grains cut off to make room for a new one (steal = oldest). */
    public long stolenGrains() {
        return pool.stolen();
    }

    /** Blocks rendered in parts on several threads since prepare. */
    long blocksInParts() {
        return blocksInParts;
    }

    /** Grains sounding at the start of the next block. */
    public int activeGrains() {
        return pool.activeAt(blockStart);
    }

    @Override
    public void process(int frames) {
        if (fadeOut.silent()) {
            // released and faded: no grain starts, nothing left to compute in the tail
            Arrays.fill(outLeft.buffer(), 0, frames, 0f);
            if (stereo) Arrays.fill(outRight.buffer(), 0, frames, 0f);
            fadeOut.advance(frames);
            blockStart += frames;
            return;
        }
        source.beginBlock(in.buffer(), frames);
        rendered = 0;
        int parts = parts(frames);
        splitting = parts > 1;
        // a split block's parts clear their own sums, so the lines they write stay in their core's cache from block
        // to block
        steadyGain = amplitude.steady();
        if (!steadyGain) for (int n = 0; n < frames; n++) gains[n] = amplitude.next();
        if (splitting) {
            pool.deferStarts(blockStart, frames, parts, SKIP_COST);
        } else {
            clear(0, frames);
        }
        if (density.steady() && duration.steady() && position.steady() && scan.steady() && transpose.steady()) {
            scheduleSteady(frames);
        } else {
            scheduleMoving(frames);
        }
        if (splitting) {
            blocksInParts++;
            runParts(parts);
            pool.endDeferred();
            splitting = false;
        } else {
            renderUpTo(frames);
            toOutput(0, frames, sumLeft, sumRight);
        }

        float[] left = outLeft.buffer();
        fadeOut.apply(left, frames);
        if (stereo) fadeOut.apply(outRight.buffer(), frames);
        fadeOut.advance(frames);
        blockStart += frames;
    }

    /** The onset clock and the playhead, one sample at a time, for parameters that move within the block. */
    private void scheduleMoving(int frames) {
        boolean dSteady = density.steady(), durSteady = duration.steady(), pSteady = position.steady();
        boolean sSteady = scan.steady(), tSteady = transpose.steady();
        double d0 = density.value(), dur0 = duration.value(), p0 = position.value();
        double s0 = scan.value(), t0 = transpose.value();
        for (int n = 0; n < frames; n++) {
            double dens = dSteady ? d0 : density.next();
            double dur = durSteady ? dur0 : duration.next();
            double pos = pSteady ? p0 : position.next();
            double speed = sSteady ? s0 : scan.next();
            double semis = tSteady ? t0 : transpose.next();
            startDue(n, dens, dur, pos, semis);
            clock.tick();
            source.advance(1, speed);
        }
    }

    /**
     * The same clock for steady parameters, from onset to onset rather than sample by sample (the per-sample
     * bookkeeping was a fifth of the cost of a sparse cloud); {@link OnsetClock#skip} makes the very same onsets.
     */
    private void scheduleSteady(int frames) {
        double dens = density.value(), dur = duration.value(), pos = position.value();
        double speed = scan.value(), semis = transpose.value();
        for (int n = 0; n < frames; ) {
            startDue(n, dens, dur, pos, semis);
            int k = clock.skip(frames - n);
            source.advance(k, speed);
            n += k;
        }
    }

    /** Starts the grains due at block sample {@code n} and schedules the next onset. */
    private void startDue(int n, double dens, double dur, double pos, double semis) {
        while (clock.due()) {
            onset(n, clock.late(), dur, pos, semis);
            clock.next(dens, densityJitter.value());
        }
    }

    /** Starts a grain at block sample {@code n}, {@code late} (0..1) samples after its exact onset time. */
    private void onset(int n, double late, double durationMs, double pos, double semis) {
        // every draw, every time, in this order: see the class comment
        double uDuration = random.nextSigned(), uPosition = random.nextSigned();
        double uPitch = random.nextSigned(), uPan = random.nextSigned();

        double octave = allowed.snap((semis + pitchJitter.value() * uPitch) / 12);
        double r = Math.min(MAX_RATIO, Math.max(MIN_RATIO, Math.pow(2, octave)));
        double length = source.fitLength(durationMs * 0.001 * sampleRate * (1 + durationJitter.value() * uDuration), r);
        double start = source.start(n, late, length, r, pos, positionJitter.value(), uPosition);

        long now = blockStart + n;
        renderUpTo(n);
        int v = pool.claim(now, steal.choice() == 1);
        if (v < 0) return;
        double place = spread.value() * Math.max(-1, Math.min(1, pan.value() + panJitter.value() * uPan));
        pool.start(v, now, late, length, start, r, envelope.choice(), 0.5 * alpha.value(),
                stereo ? Math.cos((place + 1) * Math.PI / 4) : 1, stereo ? Math.sin((place + 1) * Math.PI / 4) : 0);
    }

    /** Splits blocks with as few as {@code grainSamples} a part (tests of the split; see {@link #LEAST_PART_WORK}). */
    void leastPartWork(int grainSamples) {
        leastPartWork = grainSamples;
    }

    @Override
    public boolean splitsWork() {
        return true;
    }

    /** How many parts to render this block in: one per thread offered, while each has enough grain samples. */
    private int parts(int frames) {
        int threads = Math.min(partThreads(), VoicePool.MAX_PARTS);
        if (threads < 2) return 1;
        long work = (long) frames * (pool.activeAt(blockStart) + 1);
        return (int) Math.max(1, Math.min(threads, work / leastPartWork));
    }

    /** Renders and writes out one stretch of a split block into sums of its own, scaled to floats. */
    @Override
    protected void part(int k, int count) {
        int from = pool.partStart(k), to = pool.partStart(k + 1);
        double[] left = partLeft[k], right = partRight[k];
        Arrays.fill(left, from, to, 0);
        if (stereo) Arrays.fill(right, from, to, 0);
        pool.renderPart(k, count, source, left, right);
        toOutput(from, to, left, right);
    }

    /** Clears the sums over block samples [from, to). */
    private void clear(int from, int to) {
        Arrays.fill(sumLeft, from, to, 0);
        if (stereo) Arrays.fill(sumRight, from, to, 0);
    }

    /**
     * Sums times the amplitude, as floats, over block samples [from, to): a steady amplitude as one number (the same
     * product as from an array filled with it, without filling one), a moving one from {@link #gains}.
     */
    private void toOutput(int from, int to, double[] sumsLeft, double[] sumsRight) {
        float[] left = outLeft.buffer();
        float[] right = stereo ? outRight.buffer() : null;
        if (steadyGain) {
            double by = amplitude.value();
            for (int n = from; n < to; n++) left[n] = (float) (sumsLeft[n] * by);
            if (stereo) for (int n = from; n < to; n++) right[n] = (float) (sumsRight[n] * by);
        } else {
            double[] by = gains;
            for (int n = from; n < to; n++) left[n] = (float) (sumsLeft[n] * by[n]);
            if (stereo) for (int n = from; n < to; n++) right[n] = (float) (sumsRight[n] * by[n]);
        }
    }

    /**
     * Adds every active grain's samples from {@link #rendered} up to block sample {@code to}, in slot order; nothing
     * while the block is split, whose parts render it once its grains have started.
     */
    private void renderUpTo(int to) {
        if (splitting || to <= rendered) return;
        pool.render(blockStart, rendered, to, source, sumLeft, sumRight);
        rendered = to;
    }

    /** The file param as an absolute path; null when empty (live input). */
    private Path path() {
        return InputFile.path(file.text());
    }
}
