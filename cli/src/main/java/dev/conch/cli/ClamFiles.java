package dev.conch.cli;

import dev.conch.clam.ClamFormatException;
import dev.conch.clam.ClamImport;
import dev.conch.clam.ClamImporter;
import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CLAM's {@code .clamnetwork} files on the command line: imported on the way in, the import report printed, and a
 * network with a processing Conch lacks refused (each one a sentence) unless {@code --partial} keeps the rest.
 */
final class ClamFiles {
    private ClamFiles() {
    }

    static boolean isClam(String arg) {
        return ClamImporter.isClamFile(Path.of(arg));
    }

    /**
     * Imports an existing file. {@code report} (null: silent) gets the report; a refusal throws the refused sentences.
     */
    static ClamImport read(String arg, Path file, boolean partial, PrintWriter report) throws UserError, IOException {
        ClamImport imp;
        try {
            imp = ClamImporter.read(file, arg, ProcessorRegistry.load());
        } catch (ClamFormatException e) {
            throw new UserError(e.sentence(arg));
        }
        boolean refuse = !imp.report().complete() && !partial;
        if (report != null) {
            imp.report().lines(!refuse).forEach(report::println);
            report.flush();
        }
        if (refuse) {
            List<String> lines = new ArrayList<>(imp.report().refused());
            lines.add(arg + ": " + imp.report().refused().size() + " of its parts Conch cannot take (above); give --partial "
                    + "to import the rest without them");
            throw new UserError(lines);
        }
        return imp;
    }

    /**
     * CLAM's sample-rate rule: its processings assume 44100 Hz unless an input file says otherwise (OfflinePlayer runs
     * at the first input's rate), so with {@code -i} the network takes the first file's rate.
     */
    static NetworkSpec rateOfFirstInput(NetworkSpec spec, List<Path> inputs, PrintWriter report) throws UserError {
        if (inputs == null || inputs.isEmpty()) return spec;
        double rate;
        try {
            rate = AudioFileLoader.probe(inputs.get(0)).sampleRate();
        } catch (AudioFileException e) {
            throw new UserError("-i " + inputs.get(0) + ": " + e.getMessage());
        }
        if (rate != spec.sampleRate() && report != null) {
            report.println("  note: the network runs at " + Messages.number(rate) + " Hz, the rate of " + inputs.get(0).getFileName()
                    + ", as CLAM's OfflinePlayer does with its first input (--rate overrides it)");
        }
        return spec.withSampleRate(rate);
    }
}
