package dev.conch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    @Parameters(index = "0", paramLabel = "NET.xml", description = "the network file (or a CLAM .clamnetwork, imported)")
    String file;

    @Option(names = "--partial", description = "a CLAM file: import what Conch can take, leaving out what it lacks")
    boolean partial;

    @Option(names = "--set", paramLabel = "NODE.PARAM=VALUE",
            description = "set a param before starting, e.g. osc.frequency=110; repeatable")
    List<String> sets = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "HZ",
            description = "sample rate in Hz (default: the network's sampleRate; play through JACK needs the server's, and says so)")
    Double rate;

    /** Checks --rate, reads the file and applies --set and --rate; every mistake is one sentence. */
    NetworkSpec load() throws UserError, IOException {
        return load(null, List.of());
    }

    /**
     * As {@link #load()}, printing a CLAM file's import report to {@code report}; a CLAM network given {@code inputs}
     * runs at the first one's rate unless {@code --rate} says otherwise.
     */
    NetworkSpec load(PrintWriter report, List<Path> inputs) throws UserError, IOException {
        CliCommand.checkRate(rate);
        NetworkSpec spec = NetworkFiles.applySets(file, NetworkFiles.readFlat(file, partial, report), sets);
        if (rate != null) return spec.withSampleRate(rate);
        return ClamFiles.isClam(file) ? ClamFiles.rateOfFirstInput(spec, inputs, report) : spec;
    }
}
