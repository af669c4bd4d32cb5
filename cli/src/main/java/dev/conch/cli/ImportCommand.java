package dev.conch.cli;

import dev.conch.clam.ClamImport;
import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.io.TempTarget;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code conch import X.clamnetwork -o X.xml}: converts a CLAM network into a Conch network file, printing what
 * became what. The file is written whole or not at all; without {@code -o} the network goes to standard output.
 */
@Command(name = "import", description = "Convert a CLAM .clamnetwork file into a Conch network, with a report of what became what.",
        footer = {"", "Examples:", "  conch import wire.clamnetwork -o wire.xml",
                "  conch import spectralNetwork.clamnetwork -o spectral.xml --partial"})
final class ImportCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "NET.clamnetwork", description = "the CLAM network file")
    String network;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.xml", description = "the Conch network to write (default: standard output)")
    Path output;

    @Option(names = "--partial", description = "import what Conch can take, leaving out (and naming) what it lacks")
    boolean partial;

    @Override
    int run() throws Exception {
        Path file = NetworkFiles.existing(network);
        if (!ClamFiles.isClam(network)) {
            throw new UserError(network + ": conch import reads CLAM networks (.clamnetwork); a Conch network opens as it is");
        }
        if (output != null) {
            if (Files.isDirectory(output)) throw new UserError("-o " + output + ": is a directory; give the network file to write");
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) throw new UserError("-o " + output + ": the folder " + dir + " does not exist");
            if (Files.exists(output) && Files.isSameFile(output, file)) {
                throw new UserError("-o " + output + " is the CLAM file itself; give the Conch network its own name, such as "
                        + network.replaceFirst("(?i)\\.clamnetwork$", ".xml"));
            }
        }
        ClamImport imp = ClamFiles.read(network, file, partial, err());
        ProcessorRegistry registry = ProcessorRegistry.load();
        if (output != null) checkNotRead(imp, registry);
        if (output == null) {
            // text with no folder of its own: its paths name the files beside the CLAM network, absolute
            out().print(NetworkXml.write(FilePaths.absolute(imp.spec(), registry)));
            return OK;
        }
        // written elsewhere than the CLAM file: relative paths rewritten to still name the files beside it
        NetworkXml.write(FilePaths.moved(imp.spec(), registry, output).spec(), output);
        err().println("wrote " + output);
        return OK;
    }

    /** -o is not a file the imported network reads (its recording, an impulse response): the XML would replace it. */
    private void checkNotRead(ClamImport imp, ProcessorRegistry registry) throws UserError {
        FilePaths.FileUser reader = FilePaths.readers(imp.spec(), registry).get(TempTarget.canonical(output));
        if (reader == null) return;
        throw new UserError("-o " + output + " is the file node '" + reader.node() + "' of " + network + " reads ("
                + reader.file() + "): the network would be written over it; give -o another file, such as "
                + network.replaceFirst("(?i)\\.clamnetwork$", ".xml"));
    }
}
