package dev.conch.benchmarks.control;

import dev.conch.benchmarks.Coverage;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorHarness;
import dev.conch.processors.control.Breakpoints;
import dev.conch.processors.control.Constant;
import dev.conch.processors.control.BinaryCounter;
import dev.conch.processors.control.ControlExpression;
import dev.conch.processors.control.ControlGate;
import dev.conch.processors.control.ControlMath;
import dev.conch.processors.control.Envelope;
import dev.conch.processors.control.EnvelopeFollower;
import dev.conch.processors.control.LFO;
import dev.conch.processors.control.Print;
import dev.conch.processors.control.Scale;
import dev.conch.processors.control.Smooth;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the control sources in <b>ns per sample</b> at blocks 64, 256 and 512, driven through {@link ProcessorHarness} like
 * {@code ProcessorBenchmark}: each operation runs {@link #SAMPLES_PER_OP} samples and
 * {@code @OperationsPerInvocation} divides by that. With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per
 * sample (0 expected). Params and inputs keep the per-sample paths busy: the envelope plays a 1 ms / 1 ms / 1 ms
 * note in every block (exponential segments), the breakpoints loop an exponential segment, Scale maps exponentially,
 * Smooth and EnvelopeFollower get a moving input. ControlExpression and Print get a new value of their first input every
 * block (the expression is evaluated, the printer queues a line, printed by its thread into nothing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControlBenchmark {
    static final double SAMPLE_RATE = 48000;
    static final int SAMPLES_PER_OP = 4096;

    @Param({"LFO", "Envelope", "Breakpoints", "Constant", "Scale", "Smooth", "EnvelopeFollower", "ControlMath", "ControlGate",
            "BinaryCounter", "ControlExpression", "Print"})
    public String type;

    @Param({"64", "256", "512"})
    public int block;

    private ProcessorHarness harness;
    private float[] out;
    /** The param given a new value every block, or null. */
    private String moving;
    private double step;

    private static Class<? extends Processor> type(String name) {
        return switch (name) {
            case "LFO" -> LFO.class;
            case "Envelope" -> Envelope.class;
            case "Breakpoints" -> Breakpoints.class;
            case "Constant" -> Constant.class;
            case "Scale" -> Scale.class;
            case "Smooth" -> Smooth.class;
            case "EnvelopeFollower" -> EnvelopeFollower.class;
            case "ControlMath" -> ControlMath.class;
            case "ControlGate" -> ControlGate.class;
            case "BinaryCounter" -> BinaryCounter.class;
            case "ControlExpression" -> ControlExpression.class;
            case "Print" -> Print.class;
            default -> throw new IllegalArgumentException("no control processor " + name);
        };
    }

    private static Map<String, String> params(String name) {
        return switch (name) {
            case "LFO" -> Map.of("waveform", "sine", "rate", "5", "depth", "0.5");
            case "Envelope" -> Map.of("attack", "0.001", "decay", "0.001", "release", "0.001", "curve", "exponential");
            case "Breakpoints" -> Map.of("points", "0:0.1 0.02:1@exp 0.05:0.3", "loop", "true");
            case "Scale" -> Map.of("mode", "exponential", "outMin", "80", "outMax", "8000");
            case "Smooth" -> Map.of("mode", "onepole", "time", "5");
            case "ControlMath" -> Map.of("op", "greater", "integers", "true", "a", "2.5", "b", "2");
            case "ControlGate" -> Map.of("in", "0.52", "threshold", "0.5", "width", "0.1");
            case "BinaryCounter" -> Map.of("rate", "1000");
            case "ControlExpression" -> Map.of("expression", "float main(a, b) { if (a > b) return a - b; return tanh(a * b); }");
            case "Print" -> Map.of("inputs", "2", "every", "1");
            default -> Map.of();
        };
    }

    @Setup
    public void setup() {
        Coverage.check();
        harness = ProcessorHarness.create(type(type), params(type), SAMPLE_RATE, block);
        for (var in : harness.processor().inputs()) {
            float[] x = harness.in(in.name());
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (in.name()) {
                    case "gate" -> i < x.length / 2 ? 1f : 0f;                  // a note in every block
                    default -> (float) (0.5 + 0.5 * Math.sin(i * 0.05));       // moving, within 0..1
                };
            }
        }
        out = harness.processor().outputs().isEmpty() ? new float[block] // Print has none
                : harness.out(harness.processor().outputs().get(0).name()); // BinaryCounter's first is bit0
        moving = switch (type) {
            case "ControlExpression" -> "a";
            case "Print" -> "in1";
            default -> null;
        };
        if (harness.processor() instanceof Print print) {
            print.printTo(line -> { });
            print.open();
        }
    }

    @TearDown
    public void tearDown() throws java.io.IOException {
        harness.processor().close();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_OP)
    public void process(Blackhole bh) {
        for (int done = 0; done < SAMPLES_PER_OP; done += block) {
            if (moving != null) harness.set(moving, step++ % 100);
            harness.process(block);
        }
        bh.consume(out[block - 1]);
    }
}
