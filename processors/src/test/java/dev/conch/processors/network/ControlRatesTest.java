package dev.conch.processors.network;

import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.Render;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One control driving params of nodes that fire at different rates: an oscillator's amplitude (every sample) and a
 * spectral gain (once per hop). It used to be refused, naming the oscillator, because the control's source could
 * run at only one of the two rates. The source now runs at the faster one, and the spectral node reads the value
 * at the start of each of its hops.
 */
class ControlRatesTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    private static final int RATE = 48000;

    private static NetworkSpec network() throws NetworkException {
        return NetworkXml.read("""
                <network name="shared-control" version="2" sampleRate="48000">
                  <node id="line" type="Line"><param name="from">0</param><param name="to">1</param></node>
                  <node id="osc" type="Oscillator"><param name="frequency">1000</param></node>
                  <node id="stft" type="STFT"/>
                  <node id="sg" type="SpectralGain"><param name="gain">-20</param></node>
                  <node id="istft" type="ISTFT"/>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="stft.in"/>
                  <connect from="stft.out" to="sg.in"/>
                  <connect from="sg.out" to="istft.in"/>
                  <connect from="istft.out" to="out.in1"/>
                  <control from="line.out" to="osc.amplitude"/>
                  <control from="line.out" to="sg.gain" mode="multiply"/>
                </network>
                """, "shared-control.xml");
    }

    private static float[] render(NetworkSpec spec, int block, int frames) throws NetworkException {
        return Render.channel0(spec, REGISTRY, block, frames);
    }

    private static double peak(float[] y, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) p = Math.max(p, Math.abs(y[i]));
        return p;
    }

    @Test
    void oneControlDrivesAPerSampleParamAndASpectralParam() throws Exception {
        NetworkSpec spec = network();
        int frames = RATE;
        float[] y = render(spec, 512, frames);
        assertArrayEquals(y, render(spec, 97, frames), "block 97 against 512");
        int latency = NetworkCompiler.compile(spec, REGISTRY, 512).latency();
        // at time t the oscillator's amplitude is t and the spectral gain -20 t dB: the output's envelope is t 10^-t
        for (double t : new double[] {0.25, 0.5, 0.75, 0.9}) {
            int at = (int) (t * RATE) + latency;
            double expected = t * Math.pow(10, -t);
            assertEquals(expected, peak(y, at - 48, at + 48), 0.03 * expected, "envelope at " + t + " s");
        }
    }

    @Test
    void aControlFeedingNodesWhoseRatesAreNotWholeMultiplesIsRefusedNamingTheParam() throws Exception {
        // sg1 fires every 256 samples and sg2 every 384: the LFO runs at sg1's rate, and sg2 would need every 1.5th value
        NetworkSpec spec = NetworkXml.read("""
                <network name="odd" version="2" sampleRate="48000">
                  <node id="lfo" type="LFO"/>
                  <node id="osc" type="Oscillator"/>
                  <node id="stft1" type="STFT"/>
                  <node id="sg1" type="SpectralGain"/>
                  <node id="istft1" type="ISTFT"/>
                  <node id="stft2" type="STFT"><param name="windowLength">1536</param></node>
                  <node id="sg2" type="SpectralGain"/>
                  <node id="istft2" type="ISTFT"/>
                  <node id="mix" type="Mixer"><param name="inputs">2</param></node>
                  <node id="out" type="AudioOutput"><param name="channels">1</param></node>
                  <connect from="osc.out" to="stft1.in"/>
                  <connect from="stft1.out" to="sg1.in"/>
                  <connect from="sg1.out" to="istft1.in"/>
                  <connect from="istft1.out" to="mix.in1"/>
                  <connect from="osc.out" to="stft2.in"/>
                  <connect from="stft2.out" to="sg2.in"/>
                  <connect from="sg2.out" to="istft2.in"/>
                  <connect from="istft2.out" to="mix.in2"/>
                  <connect from="mix.out" to="out.in1"/>
                  <control from="lfo.out" to="sg1.gain"/>
                  <control from="lfo.out" to="sg2.gain"/>
                </network>
                """, "odd.xml");
        NetworkException e = assertThrows(NetworkException.class, () -> NetworkCompiler.compile(spec, REGISTRY, 512));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("sg2", e.problems().get(0).node(), e.getMessage());
        assertTrue(e.getMessage().contains("lfo.out gives 1/256 values per frame and sg2 fires 1/384 times per frame"),
                e.getMessage());
    }
}
