package dev.conch.cli;

import java.util.Locale;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conch validate NET.xml}: reads and compiles the network without running it, and prints every problem
 * found (not just the first) as {@code file:line:col: node 'x', 'port': message}.
 */
@Command(name = "validate", description = "Check a network file: every problem with its line and column.")
final class ValidateCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "NET.xml", description = "the network file (or a CLAM .clamnetwork, imported)")
    String network;

    @Option(names = "--partial", description = "a CLAM file: check what Conch can take, leaving out what it lacks")
    boolean partial;

    @Option(names = "--block", paramLabel = "N", defaultValue = "512",
            description = "the largest callback block to check feedback loops against, 1..8192 (default: ${DEFAULT-VALUE})")
    int block;

    @Override
    int run() throws Exception {
        checkBlock(block);
        NetworkSpec spec = NetworkFiles.readFlat(network, partial, err());
        CompiledNetwork net = NetworkFiles.compile(network, spec, ProcessorRegistry.load(), block, err());
        int connections = spec.connections().size() + spec.controls().size();
        // what a listener hears: a live input also waits for its multi-rate chains' hops (the engine plays it late)
        int latency = Engine.throughLatency(net);
        out().println(String.format(Locale.ROOT, "ok: %d %s, %d %s, latency %d samples (%.2f ms)",
                spec.nodes().size(), spec.nodes().size() == 1 ? "node" : "nodes",
                connections, connections == 1 ? "connection" : "connections",
                latency, latency * 1000.0 / net.sampleRate()));
        return OK;
    }
}
