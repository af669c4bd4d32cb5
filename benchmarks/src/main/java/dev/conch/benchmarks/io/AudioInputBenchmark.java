package dev.conch.benchmarks.io;

import dev.conch.benchmarks.Coverage;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The way in, full duplex, in <b>ns per sample frame</b>: a {@link RecordedInput} fills a callback's input as a
 * driver's capture would, and an engine running AudioInput straight into AudioOutput copies it through the schedule
 * and the output guard. {@code channels} input and output channels. With {@code -prof gc}, {@code gc.alloc.rate.norm}
 * is bytes per frame (should be 0).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AudioInputBenchmark {
    private static final int FRAMES_PER_OP = 8192;

    @Param({"2", "8"})
    public int channels;

    @Param({"64", "512"})
    public int block;

    private Engine engine;
    private RecordedInput recording;
    private float[][] in;
    private float[][] out;

    @Setup
    public void setup() throws NetworkException {
        Coverage.check();
        StringBuilder xml = new StringBuilder("<network name=\"through\" version=\"2\" sampleRate=\"48000\">"
                + "<node id=\"in\" type=\"AudioInput\"><param name=\"channels\">" + channels + "</param></node>"
                + "<node id=\"out\" type=\"AudioOutput\"><param name=\"channels\">" + channels + "</param></node>");
        for (int c = 1; c <= channels; c++) xml.append("<connect from=\"in.out").append(c).append("\" to=\"out.in").append(c).append("\"/>");
        engine = new Engine(NetworkCompiler.compile(NetworkXml.read(xml + "</network>", "through.xml"),
                ProcessorRegistry.load(), block));
        float[][] tone = new float[channels][48000];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < tone[c].length; i++) tone[c][i] = (float) Math.sin(2 * Math.PI * 220 * (c + 1) * i / 48000.0);
        }
        recording = new RecordedInput(tone, true);
        in = new float[channels][block];
        out = new float[channels][block];
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    public void process(Blackhole bh) {
        for (int done = 0; done < FRAMES_PER_OP; done += block) {
            recording.fill(in, block);
            engine.process(in, out, block);
        }
        bh.consume(out[0][block - 1]);
    }
}
