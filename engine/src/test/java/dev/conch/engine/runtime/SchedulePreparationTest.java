package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule's builder only allocates; {@link Schedule#prepare} is where every processor is prepared, once. */
class SchedulePreparationTest {

    /** Records what each prepare call was told; throws {@code refusal} from prepare when it has one. */
    static final class Recorder extends Processor {
        final Input in = audioIn("in", "anything");
        final Output out = audioOut("out", "nothing");
        final List<ProcessContext> prepared = new ArrayList<>();
        final RuntimeException refusal;

        Recorder(RuntimeException refusal) {
            this.refusal = refusal;
        }

        @Override
        public void prepare(ProcessContext ctx) {
            prepared.add(ctx);
            if (refusal != null) throw refusal;
        }

        @Override
        public void process(int firings) {
        }
    }

    @Test
    void buildingPreparesNothingAndPrepareTellsEachProcessorItsBoundsOnce() {
        Recorder source = new Recorder(null), loop = new Recorder(null);
        RuntimeException refusal = new IllegalStateException("no");
        Recorder sink = new Recorder(refusal);
        Schedule.Builder b = new Schedule.Builder()
                .step("src", "src", source, Schedule.Kind.PROCESS, false)
                .step("loop<", "loop", loop, Schedule.Kind.EMIT, false)
                .step("loop>", "loop", loop, Schedule.Kind.ABSORB, false)
                .step("sink", "sink", sink, Schedule.Kind.PROCESS, true)
                .maxFirings(source, 10).maxFirings(loop, 64).maxFirings(sink, 64)
                .firingRate(source, 1, 4).capacity(source.out, 10).connect(source.out, sink.in);
        Schedule s = b.build(64);
        assertEquals(List.of(), source.prepared);
        assertEquals(List.of(), loop.prepared);
        assertEquals(List.of(), sink.prepared);

        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        s.prepare(48000, failures::put);
        assertEquals(List.of(new ProcessContext(48000, 10, 64, 4)), source.prepared, "a firing stands for 4 samples");
        assertEquals(List.of(new ProcessContext(48000, 64, 64, 1)), loop.prepared, "once for both halves");
        assertEquals(List.of(new ProcessContext(48000, 64, 64, 1)), sink.prepared);
        assertEquals(List.of("sink"), List.copyOf(failures.keySet()));
        assertSame(refusal, failures.get("sink"));
    }

    @Test
    void aProcessorWhosePrepareThrowsIsReportedWithItsNodeAndLine() {
        Net net = new Net().node("ramp", "TestRamp");
        int line = net.nextLine();
        var spec = net.node("bad", "TestThrower", "refuse", "true").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "bad.in").connect("bad.out", "out.in1").spec();
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(spec, TestProcessors.registry(), 64));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("bad", e.problems().get(0).node());
        assertEquals(line, e.problems().get(0).location().line());
        assertTrue(e.problems().get(0).message().contains("refuses to prepare, on purpose"), e.getMessage());
    }
}
