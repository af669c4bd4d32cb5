package dev.conch.cli;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

/**
 * Start-up in parallel: while the main thread builds the command line (picocli's first use, about a fifth of a
 * second cold), a daemon thread reads, compiles and runs a tiny network, so the XML reader, the
 * processor registry, the compiler and the engine are loaded and initialised by the time the command needs them.
 * It has no effect but class loading: its network writes nothing, and its errors are ignored (the command will
 * meet and report any real problem itself). It also loads every processor class: the launcher's training run
 * (a line picocli reads) thereby puts them all in the class-data cache, though a render loads only its own.
 *
 * <p>A render line {@link PlainRender} reads starts none: its main thread reads and compiles at once, so a second
 * thread only did the same work twice (a 1 s P1 render: 0.46 s CPU with it, 0.41 s without, medians of 11).
 */
final class Warmup {
    private static final String NETWORK = """
            <network name="warm-up" version="2" sampleRate="48000">
              <node id="osc" type="Oscillator"/>
              <node id="gain" type="Gain"/>
              <node id="out" type="AudioOutput"><param name="channels">1</param></node>
              <connect from="osc.out" to="gain.in"/>
              <connect from="gain.out" to="out.in1"/>
            </network>
            """;

    private Warmup() {
    }

    /** For the commands that read and compile a network. */
    static void startFor(String command) {
        switch (command) {
            case "render", "bench", "validate", "play", "graph" -> {
                Thread t = new Thread(Warmup::run, "conch-warmup");
                t.setDaemon(true);
                t.start();
            }
            default -> {
            }
        }
    }

    private static void run() {
        try {
            ProcessorRegistry registry = ProcessorRegistry.load();
            CompiledNetwork net = NetworkCompiler.compile(NetworkXml.read(NETWORK, "warm-up"), registry, 64);
            new Engine(net).process(new float[1][64], 64);
            registry.loadClasses();
        } catch (Exception | LinkageError ignored) {
            // only a head start: the command itself reports whatever is really wrong
        }
    }
}
