package dev.conch.benchmarks.granular;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.conch.benchmarks.Coverage;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.processors.granular.GrainStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GrainStream's cost in <b>ns per output sample</b> with a known number of grains sounding: regular onsets
 * ({@code grains × 10} per second) of 100 ms grains keep exactly {@code grains} voices busy. Dividing by
 * {@code grains} gives ns per active grain per sample; the difference between two grain counts, divided by their
 * difference, is the marginal cost of one grain (the fixed per-sample part, the scheduler and param reads, cancels).
 * <ul>
 *   <li>{@code plain}: mono, Hann, no jitter: the grain loop alone (cubic read, envelope recurrence, one sum).</li>
 *   <li>{@code full}: stereo, Tukey, jitter on density, duration, position, pitch and pan: a realistic cloud.</li>
 * </ul>
 * The source is the live input (a ring of noise), blocks of {@code block} samples (64 and 512). With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per sample (should be 0).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GrainStreamBenchmark {
    private static final int SAMPLES_PER_OP = 4096;

    @Param({"1", "64", "200"})
    public int grains;

    @Param({"plain", "full"})
    public String setup;

    @Param({"64", "512"})
    public int block;

    private ProcessorHarness harness;
    private GrainStream stream;
    private float[] out;

    @Setup
    public void setup() {
        Coverage.check();
        Map<String, String> p = new HashMap<>();
        p.put("density", Integer.toString(grains * 10));
        p.put("duration", "100");
        p.put("voices", Integer.toString(grains + 16));
        p.put("buffer", "2");
        if (setup.equals("full")) {
            p.put("channels", "stereo");
            p.put("envelope", "tukey");
            p.put("densityjitter", "0.5");
            p.put("durationjitter", "0.3");
            p.put("positionjitter", "0.2");
            p.put("position", "0.3");
            p.put("pitchjitter", "7");
            p.put("panjitter", "1");
        } else {
            p.put("channels", "mono");
        }
        harness = ProcessorHarness.create(GrainStream.class, p, 48000, block);
        stream = (GrainStream) harness.processor();
        float[] in = harness.in("in");
        long s = 0x5eed;
        for (int i = 0; i < in.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            in[i] = (float) ((s >>> 40) / (double) (1L << 24)) * 2f - 1f;
        }
        out = harness.out(harness.processor().outputs().get(0).name());
        for (int i = 0; i < 48000 / block; i++) harness.process(block);   // one second: the cloud is full
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.println("# grains active at the end: " + stream.activeGrains() + ", dropped " + stream.droppedGrains());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        for (int done = 0; done < SAMPLES_PER_OP; done += block) harness.process(block);
        bh.consume(out[block - 1]);
    }
}
