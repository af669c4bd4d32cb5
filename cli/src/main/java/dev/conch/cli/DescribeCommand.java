package dev.conch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;

import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.runtime.ParamRate;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortKind;
import dev.conch.engine.runtime.PortSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.SpectrumFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code conch describe TYPE}: what a network file may write for a processor: its ports and params with units,
 * ranges, defaults, and whether a param can change live. Read from the processor's own descriptor, the same
 * truth the validator uses.
 */
@Command(name = "describe", description = "Show a processor type's (or a sub-network's) ports and params.",
        footer = {"", "Examples:", "  conch describe Biquad", "  conch describe net:bell-voice.xml"})
final class DescribeCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "TYPE", description = "a processor type, as `conch list` shows it, "
            + "or a sub-network: net:NAME.xml from the library, or a network file")
    String type;

    @Override
    int run() throws UserError {
        ProcessorRegistry registry = ProcessorRegistry.load();
        ProcessorDescriptor d = find(registry, type);
        out().println(d.type() + " (" + d.category() + ")");
        out().println("  " + d.description());
        if (d.breaksFeedback()) out().println("  Can close a feedback loop when its delay is at least one block.");

        out().println();
        out().println("Ports");
        if (d.inputs().isEmpty() && d.outputs().isEmpty()) {
            out().println("  (none)");
        } else {
            Table ports = new Table("DIR", "NAME", "KIND", "DESCRIPTION");
            for (PortSpec p : d.inputs()) ports.row("in", p.name(), kind(p), p.description() + (p.optional() ? " (optional)" : ""));
            for (PortSpec p : d.outputs()) ports.row("out", p.name(), kind(p), p.description());
            ports.print(out(), "  ");
        }

        out().println();
        out().println("Params");
        if (d.params().isEmpty()) {
            out().println("  (none)");
        } else {
            Table params = new Table("NAME", "TYPE", "UNIT", "RANGE", "DEFAULT", "RATE", "CHANGE", "DESCRIPTION");
            for (ParamSpec p : d.params()) {
                params.row(p.name(), p.type().name().toLowerCase(Locale.ROOT), p.unit().isEmpty() ? "-" : p.unit(),
                        range(p), p.defaultText().isEmpty() ? "\"\"" : p.defaultText(),
                        p.rate() == ParamRate.SAMPLE ? "per sample" : "per block", change(p), p.description());
            }
            params.print(out(), "  ");
        }
        if (d.inputs().stream().anyMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            out().println();
            out().println("  Framing (" + String.join(", ", FRAMING) + ", and so the hop): inherited from the input's STFT;");
            out().println("  set it on the STFT. (Version-1 files that repeat these params here still open when they agree.)");
        } else if (d.outputs().stream().anyMatch(p -> p.kind() == PortKind.SPECTRUM)) {
            out().println();
            out().println("  Its output carries the framing (" + String.join(", ", FRAMING)
                    + "): the spectral nodes after it take it from there.");
        }
        if (d.params().stream().anyMatch(ParamSpec::structural)) {
            out().println();
            out().println("  Structural params are fixed once the network is compiled; ports shown are for their defaults.");
        }
        return OK;
    }

    /** The framing a spectrum stream carries, as the STFT's params name it (hop is derived, not a param). */
    private static final List<String> FRAMING = SpectrumFormat.PARAMS.stream().filter(n -> !n.equals("hop")).toList();

    /** A spectrum port's size depends on its framing, which only a network decides: "spectrum", not the default's size. */
    private static String kind(PortSpec p) {
        return p.kind() == PortKind.SPECTRUM ? (p.rate() == 1 ? "spectrum" : "spectrum x" + p.rate()) : p.typeLabel();
    }

    private static ProcessorDescriptor find(ProcessorRegistry registry, String type) throws UserError {
        if (registry.has(type)) return registry.descriptor(type);
        if (type.startsWith(NodeSpec.SUBNETWORK) || type.endsWith(".xml")) return subNetwork(registry, type);
        // "biquad" is surely Biquad; a file still needs the exact name, which the output shows
        for (ProcessorDescriptor d : registry.descriptors()) if (d.type().equalsIgnoreCase(type)) return d;
        String near = registry.closest(type);
        List<String> all = registry.descriptors().stream().map(ProcessorDescriptor::type).toList();
        throw new UserError(Diagnostics.unknownType(type, near) + "; the types are: " + String.join(", ", all));
    }

    /**
     * A sub-network as a type: {@code net:NAME.xml} as a network would find it (here, then in the library), or a
     * network file's path.
     */
    private static ProcessorDescriptor subNetwork(ProcessorRegistry registry, String type) throws UserError {
        boolean named = type.startsWith(NodeSpec.SUBNETWORK);
        Path file = named ? SubNetworks.resolve(type, Origin.NONE) : Path.of(type);
        if (file == null) {
            throw new UserError(type + ": no such sub-network here or in the library folders ("
                    + String.join(", ", SubNetworks.libraryFolders().stream().map(Path::toString).toList())
                    + "); `conch list` shows the library");
        }
        String shown = named ? type : NodeSpec.SUBNETWORK + file.getFileName();
        try {
            NetworkSpec spec = NetworkFiles.read(file.toString());
            SubNetworks.flatten(spec); // a sub-network that cannot be inlined is described by its problems
            return Library.describe(shown, spec, registry);
        } catch (IOException e) {
            throw new UserError(Messages.ioReason(e));
        } catch (NetworkException e) {
            throw new UserError(Messages.problems(type, e));
        }
    }

    private static String range(ParamSpec p) {
        return switch (p.type()) {
            case NUMBER, INTEGER -> Messages.number(p.min()) + " to " + Messages.number(p.max());
            case CHOICE -> String.join("|", p.choices());
            case BOOLEAN -> "true|false";
            case TEXT -> "text";
        };
    }

    private static String change(ParamSpec p) {
        if (!p.live()) return "structural";
        if (p.smoothingMs() > 0) return "live, smoothed " + Messages.number(p.smoothingMs()) + " ms";
        return "live";
    }
}
