package dev.conch.engine.runtime;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.testing.Render;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Automation timelines against the Web Audio API's closed forms, and through a compiled network. */
class AutomationTest {
    private static final double SR = 48000;

    @Test
    void linearRampMatchesTheClosedForm() {
        AutomationCurve c = new AutomationCurve(List.of(AutomationEvent.set(200, 1), AutomationEvent.linear(2000, 3)), 50);
        for (int n = 0; n < 4 * SR; n++) {
            double t = n / SR;
            double expected = t < 1 ? 50 : t < 3 ? 200 + (2000 - 200) * (t - 1) / 2 : 2000;
            assertEquals(expected, c.next(t), 1e-9, "t = " + t);
        }
    }

    @Test
    void exponentialRampMatchesTheClosedForm() {
        AutomationCurve c = new AutomationCurve(List.of(AutomationEvent.set(100, 0.5),
                AutomationEvent.exponential(6400, 2.5)), 100);
        for (int n = 0; n < 3 * SR; n++) {
            double t = n / SR;
            double expected = t < 0.5 ? 100 : t < 2.5 ? 100 * Math.pow(64, (t - 0.5) / 2) : 6400;
            assertEquals(expected, c.next(t), 1e-9 * expected, "t = " + t);
        }
        // halfway up an exponential ramp is the geometric mean
        AutomationCurve d = new AutomationCurve(List.of(AutomationEvent.exponential(400, 2)), 100);
        assertEquals(200, d.next(1), 1e-9);
    }

    @Test
    void setTargetApproachesExponentiallyWithTheTimeConstant() {
        AutomationCurve c = new AutomationCurve(List.of(AutomationEvent.set(1, 0), AutomationEvent.target(0, 1, 0.25)), 1);
        for (int n = 0; n < 3 * SR; n++) {
            double t = n / SR;
            double expected = t < 1 ? 1 : Math.exp(-(t - 1) / 0.25);
            assertEquals(expected, c.next(t), 1e-12, "t = " + t);
        }
    }

    @Test
    void valueCurveInterpolatesItsPointsOverTheDuration() {
        AutomationCurve c = new AutomationCurve(List.of(AutomationEvent.curve(List.of(0.0, 1.0, 0.5), 1, 2)), 0.25);
        assertEquals(0.25, c.next(0.5), 1e-12);
        assertEquals(0.0, c.next(1.0), 1e-12);
        assertEquals(0.5, c.next(1.5), 1e-12);
        assertEquals(1.0, c.next(2.0), 1e-12);
        assertEquals(0.75, c.next(2.5), 1e-12);
        assertEquals(0.5, c.next(3.5), 1e-12);
    }

    @Test
    void rampAfterATargetStartsFromWhereTheTargetGot() {
        AutomationCurve c = new AutomationCurve(List.of(AutomationEvent.set(1, 0), AutomationEvent.target(0, 0, 1),
                AutomationEvent.linear(1, 2)), 1);
        // the target's value at its own time is its start value (1); the ramp runs from (0 s, 1) to (2 s, 1)
        assertEquals(1, c.next(1), 1e-12);
    }

    @Test
    void exponentialRampThroughZeroIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AutomationCurve(List.of(AutomationEvent.set(0, 0), AutomationEvent.exponential(1, 1)), 1));
        assertTrue(e.getMessage().contains("nonzero and of the same sign"), e.getMessage());
    }

    private static NetworkSpec automatedRamp() {
        // out[n] = n * scale(n / 48000), scale ramping 1 -> 3 over the first 0.5 s
        return new Net().node("ramp", "TestRamp").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").spec()
                .withAutomation("ramp", new Automation("scale", List.of(AutomationEvent.linear(3, 0.5))));
    }

    @Test
    void automationIsSampleAccurateAndTheSameAtEveryBlockSize() throws NetworkException {
        int frames = 48000;
        float[] a = Render.channel0(automatedRamp(), TestProcessors.registry(), 64, frames);
        float[] b = Render.channel0(automatedRamp(), TestProcessors.registry(), 1024, frames);
        float[] c = Render.render(automatedRamp(), TestProcessors.registry(), 4096, frames, new SplittableRandom(9))[0];
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
        for (int n = 0; n < frames; n += 97) {
            double t = n / SR;
            double scale = (float) (t < 0.5 ? 1 + 2 * t / 0.5 : 3); // the control stream carries floats
            assertEquals((float) (n * scale), a[n], Math.ulp((float) (n * scale)) * 2, "frame " + n);
        }
    }

    /**
     * A network rendered again (a batch job renders its files one after another on one compiled network) plays its
     * automation from the top again after {@link Engine#reset}, as a new engine on the same network does.
     */
    @Test
    void automationStartsAgainAfterAReset() throws NetworkException {
        int frames = 30_000;
        float[] fresh = Render.channel0(automatedRamp(), TestProcessors.registry(), 512, frames);
        dev.conch.engine.graph.CompiledNetwork net = NetworkCompiler.compile(automatedRamp(), TestProcessors.registry(), 512);
        for (int run = 0; run < 3; run++) {
            Engine engine = new Engine(net); // a network run before is reset by its next engine
            if (run == 2) engine.reset();
            float[] again = new float[frames];
            float[][] block = new float[1][512];
            for (int done = 0; done < frames; done += 512) {
                int n = Math.min(512, frames - done);
                engine.process(block, n);
                System.arraycopy(block[0], 0, again, done, n);
            }
            assertArrayEquals(fresh, again, "run " + run);
        }
    }

    /** A live change is forgotten by {@link Engine#reset}: the param is back at the network file's value. */
    @Test
    void aResetTakesALiveChangeBack() throws NetworkException {
        NetworkSpec spec = new Net().node("ramp", "TestRamp", "scale", "2").node("out", "AudioOutput", "channels", "1")
                .connect("ramp.out", "out.in1").spec();
        Engine engine = new Engine(NetworkCompiler.compile(spec, TestProcessors.registry(), 64));
        float[][] block = new float[1][64];
        engine.set("ramp", "scale", 5);
        engine.process(block, 64);
        assertEquals(5f * 63, block[0][63], "the change applied");
        engine.reset();
        engine.process(block, 64);
        assertEquals(2f * 63, block[0][63], "after the reset: the file's scale, from sample 0");
    }

    @Test
    void automationSurvivesTheFileRoundTrip() throws Exception {
        NetworkSpec spec = automatedRamp().withAutomation("ramp", new Automation("scale", List.of(
                AutomationEvent.set(2, 0), AutomationEvent.linear(4, 1), AutomationEvent.exponential(8, 2),
                AutomationEvent.target(1, 3, 0.5), AutomationEvent.curve(List.of(1.0, 2.0, 1.5), 4, 1))));
        String xml = NetworkXml.write(spec);
        assertTrue(xml.contains("<exponentialRampToValueAtTime value=\"8\" endTime=\"2\"/>"), xml);
        NetworkSpec back = NetworkXml.read(xml, "round-trip");
        assertEquals(spec, back);
        assertEquals(xml, NetworkXml.write(back));
    }

    @Test
    void automationProblemsAreLocated() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="auto" version="2" sampleRate="48000">
                  <node id="ramp" type="TestRamp">
                    <automate param="scael">
                      <setValueAtTime value="1" startTime="0"/>
                    </automate>
                  </node>
                  <node id="slow" type="TestLatent">
                    <automate param="samples">
                      <setValueAtTime value="1" startTime="0"/>
                    </automate>
                  </node>
                  <node id="r2" type="TestRamp">
                    <automate param="scale">
                      <linearRampToValueAtTime value="1e9" endTime="1"/>
                    </automate>
                  </node>
                  <node id="out" type="AudioOutput">
                    <param name="channels">3</param>
                  </node>
                  <connect from="ramp.out" to="out.in1"/>
                  <connect from="ramp.out" to="slow.in"/>
                  <connect from="slow.out" to="out.in2"/>
                  <connect from="r2.out" to="out.in3"/>
                </network>
                """;
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkCompiler.compile(NetworkXml.read(xml, "auto.xml"), TestProcessors.registry(), 64));
        List<Problem> ps = e.problems();
        assertEquals(3, ps.size(), ps.toString());
        assertEquals(4, ps.get(0).location().line());
        assertTrue(ps.get(0).message().contains("did you mean 'scale'"), ps.get(0).describe());
        assertEquals(9, ps.get(1).location().line());
        assertTrue(ps.get(1).message().contains("cannot be automated"), ps.get(1).describe());
        assertEquals(15, ps.get(2).location().line());
        assertTrue(ps.get(2).message().contains("out of range"), ps.get(2).describe());
    }

    @Test
    void controlModesAddAndMultiply() throws Exception {
        // scale = 2 (own value); control c[n] = n + 0.5; add: out = n * (2 + n + 0.5); multiply: out = n * 2 * (n + 0.5)
        for (String mode : new String[]{"add", "multiply"}) {
            String xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <network name="modes" version="2" sampleRate="48000">
                      <node id="c" type="TestControlRamp"/>
                      <node id="ramp" type="TestRamp">
                        <param name="scale">2</param>
                      </node>
                      <node id="out" type="AudioOutput">
                        <param name="channels">1</param>
                      </node>
                      <connect from="ramp.out" to="out.in1"/>
                      <control from="c.out" to="ramp.scale" mode="MODE"/>
                    </network>
                    """.replace("MODE", mode);
            NetworkSpec spec = NetworkXml.read(xml, "modes.xml");
            assertTrue(NetworkXml.write(spec).contains("<control from=\"c.out\" to=\"ramp.scale\" mode=\"" + mode + "\"/>"),
                    "the mode is written back");
            float[] out = Render.channel0(spec, TestProcessors.registry(), 128, 500);
            for (int n = 0; n < 500; n++) {
                double expected = mode.equals("add") ? n * (2 + n + 0.5) : n * (2 * (n + 0.5));
                assertEquals((float) expected, out[n], "mode " + mode + ", frame " + n);
            }
        }
    }
}
