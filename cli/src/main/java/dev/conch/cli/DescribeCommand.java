package dev.conch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;

import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.runtime.DescriptorText;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
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
        for (String line : DescriptorText.lines(d)) out().println(line);
        return OK;
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
}
