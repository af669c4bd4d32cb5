package dev.conch.processors.network;

import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.driver.PacedNullDriver;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.testing.LiveCapture;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a network plays live is what it renders offline: LFOs, breakpoint envelopes (glass-drone) and automation
 * timelines (bell-morph) played through the paced realtime driver at 64-frame blocks give the same samples as an
 * offline render at 1024-frame blocks.
 */
class OfflineEqualsLiveTest {
    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @ParameterizedTest
    @ValueSource(strings = {"glass-drone.xml", "bell-morph.xml"})
    void pacedLivePlaybackEqualsTheOfflineRender(String name) throws Exception {
        Path file = Path.of(System.getProperty("conch.networks", "../networks")).resolve(name);
        NetworkSpec spec = NetworkXml.read(file);
        int frames = (int) (1.5 * spec.sampleRate());

        Engine offline = new Engine(NetworkCompiler.compile(spec, REGISTRY, 1024));
        float[][] block = new float[offline.outputChannels()][1024];
        float[] reference = new float[frames];
        for (int done = 0; done < frames; done += 1024) {
            offline.process(block, 1024);
            System.arraycopy(block[0], 0, reference, done, Math.min(1024, frames - done));
        }

        Engine live = new Engine(NetworkCompiler.compile(spec, REGISTRY, 64));
        live.open();
        LiveCapture capture = new LiveCapture(new LiveSession(live, 10), 1, frames);
        PacedNullDriver driver = new PacedNullDriver(spec.sampleRate(), live.outputChannels(), 64, 4);
        driver.start(capture);
        driver.awaitEnd(10_000);
        driver.stop();
        assertTrue(capture.filled() == frames, "the live run ended early: " + capture.filled() + " frames");
        assertArrayEquals(reference, capture.kept()[0], name + ": live and offline differ");
    }
}
