package dev.conch.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.conch.engine.model.NetworkSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The network a command runs, as the user gave it: the file, {@code --set} changes and {@code --rate}. One picocli
 * mixin for render, bench and play, so the three read, change and check a network the same way.
 */
final class NetworkArgs {
    @Parameters(index = "0", paramLabel = "NET.xml", description = "the network file")
    String file;

    @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE",
            description = "set a param before starting, e.g. osc.frequency=110; repeatable")
    List<String> sets = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "HZ",
            description = "sample rate in Hz (default: the network's sampleRate; play through JACK: the server's)")
    Double rate;

    /** Checks --rate, reads the file and applies --set and --rate; every mistake is one sentence. */
    NetworkSpec load() throws UserError, IOException {
        CliCommand.checkRate(rate);
        NetworkSpec spec = NetworkFiles.applySets(file, NetworkFiles.readFlat(file), sets);
        return rate != null ? spec.withSampleRate(rate) : spec;
    }
}
