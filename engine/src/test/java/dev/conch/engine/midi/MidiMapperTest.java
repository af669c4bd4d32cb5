package dev.conch.engine.midi;

import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.testing.TestProcessors;
import dev.conch.engine.testing.TestProcessors.Net;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.ShortMessage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MIDI fed programmatically to the mapper (no hardware), read back from what the network plays. */
class MidiMapperTest {

    /** out1 = n * a.scale, out2 = n * b.scale: each param's value is the output divided by the frame index. */
    private static NetworkSpec twoRamps() {
        return new Net().node("a", "TestRamp").node("b", "TestRamp").node("out", "AudioOutput", "channels", "2")
                .connect("a.out", "out.in1").connect("b.out", "out.in2").spec();
    }

    private static MidiBinding bind(MidiBinding.Kind kind, int channel, int cc, String to) {
        return new MidiBinding(kind, channel, cc, Endpoint.parse(to), Location.UNKNOWN);
    }

    private static ShortMessage msg(int command, int channel, int d1, int d2) throws InvalidMidiDataException {
        return new ShortMessage(command, channel - 1, d1, d2);
    }

    /** Plays one block and returns each channel's param value at its last frame. */
    private static double[] block(LiveSession s, float[][] out) {
        s.process(new float[0][], out, 64);
        long last = s.engine().framesPlayed() - 1;
        return new double[]{out[0][63] / last, out[1][63] / last};
    }

    @Test
    void controllersNotesAndGatesBecomeParamChanges() throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(twoRamps(), TestProcessors.registry(), 64));
        LiveSession session = new LiveSession(engine, 5);
        session.configure(48000, 0, 2, 64);
        MidiMapper midi = new MidiMapper(session, List.of(
                bind(MidiBinding.Kind.CC, 0, 74, "a.scale"),
                bind(MidiBinding.Kind.PITCH, 2, -1, "b.scale")), 64);
        float[][] out = new float[2][64];
        block(session, out);

        midi.send(msg(ShortMessage.CONTROL_CHANGE, 1, 74, 127), -1);
        block(session, out);
        assertEquals(1e6, block(session, out)[0], 1, "CC 127 is the top of the range");
        midi.send(msg(ShortMessage.CONTROL_CHANGE, 5, 74, 0), -1);
        block(session, out);
        assertEquals(-1e6, block(session, out)[0], 1, "CC 0 the bottom, any channel");

        midi.send(msg(ShortMessage.NOTE_ON, 1, 60, 100), -1);   // channel 1: not bound
        midi.send(msg(ShortMessage.NOTE_ON, 2, 69, 100), -1);
        block(session, out);
        assertEquals(440, block(session, out)[1], 1e-3, "A4");
        midi.send(msg(ShortMessage.NOTE_ON, 2, 81, 100), -1);
        block(session, out);
        assertEquals(880, block(session, out)[1], 1e-3, "A5, last note wins");
        midi.send(msg(ShortMessage.NOTE_OFF, 2, 81, 0), -1);
        block(session, out);
        assertEquals(440, block(session, out)[1], 1e-3, "back to the held A4");
        session.shutdown();
    }

    @Test
    void gateFollowsHeldNotesAndVelocityScales() throws Exception {
        Engine engine = new Engine(NetworkCompiler.compile(twoRamps(), TestProcessors.registry(), 64));
        LiveSession session = new LiveSession(engine, 5);
        session.configure(48000, 0, 2, 64);
        MidiMapper midi = new MidiMapper(session, List.of(bind(MidiBinding.Kind.GATE, 0, -1, "a.scale"),
                bind(MidiBinding.Kind.VELOCITY, 0, -1, "b.scale")), 64);
        float[][] out = new float[2][64];
        midi.send(msg(ShortMessage.NOTE_ON, 1, 60, 127), -1);
        midi.send(msg(ShortMessage.NOTE_ON, 1, 64, 127), -1);
        block(session, out);
        double[] v = block(session, out);
        assertEquals(1, v[0], 1e-9);
        assertEquals(1e6, v[1], 1);
        midi.send(msg(ShortMessage.NOTE_OFF, 1, 60, 0), -1);
        block(session, out);
        assertEquals(1, block(session, out)[0], 1e-9, "one note still held");
        midi.send(msg(ShortMessage.NOTE_ON, 1, 64, 0), -1); // note-on with velocity 0 is a note-off
        block(session, out);
        assertEquals(0, block(session, out)[0], 1e-9, "all released");
        session.shutdown();
    }

    @Test
    void bindingsAreReadWrittenAndChecked() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="m" version="4" sampleRate="48000">
                  <node id="a" type="TestRamp" x="0" y="0"/>
                  <node id="out" type="AudioOutput" x="0" y="0">
                    <param name="channels">1</param>
                  </node>
                  <connect from="a.out" to="out.in1"/>
                  <midi cc="74" to="a.scale"/>
                  <midi note="pitch" channel="2" to="a.scael"/>
                </network>
                """;
        NetworkSpec spec = NetworkXml.read(xml, "m.xml");
        assertEquals(xml, NetworkXml.write(spec));
        assertEquals(MidiBinding.Kind.PITCH, spec.midi().get(1).kind());
        var e = assertThrows(NetworkException.class, () -> NetworkCompiler.compile(spec, TestProcessors.registry(), 64));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals(9, e.problems().get(0).location().line());
        assertTrue(e.problems().get(0).message().contains("did you mean 'scale'"), e.getMessage());
        var bad = assertThrows(NetworkException.class, () -> NetworkXml.read(xml.replace("cc=\"74\"", "cc=\"200\""), "m.xml"));
        assertTrue(bad.getMessage().contains("0 to 127"), bad.getMessage());
    }

    @Test
    void equalTemperament() {
        assertEquals(261.6256, MidiMapper.hertz(60), 1e-4);
        assertEquals(440, MidiMapper.hertz(69), 0);
    }
}
