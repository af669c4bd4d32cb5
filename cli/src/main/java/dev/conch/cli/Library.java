package dev.conch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

/**
 * The sub-networks of the library folders ({@link SubNetworks#libraryFolders()}: the project's networks/library,
 * then ~/.conch/library), each described as a processor type {@code net:NAME.xml}. A name in
 * an earlier folder hides the same name in a later one, as a network's {@code type} would find it.
 */
final class Library {
    private Library() {
    }

    /** Every readable library network by type, in folder order then by name; unreadable ones are left out. */
    static List<ProcessorDescriptor> descriptors(ProcessorRegistry registry) {
        Map<String, ProcessorDescriptor> found = new LinkedHashMap<>();
        for (Path folder : SubNetworks.libraryFolders()) {
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                continue; // no such folder: nothing in it
            }
            for (Path f : files) {
                String type = NodeSpec.SUBNETWORK + f.getFileName();
                if (found.containsKey(type)) continue;
                try {
                    found.put(type, describe(type, NetworkXml.read(f), registry));
                } catch (NetworkException | IOException e) {
                    // a broken file shows when it is used or described, with its problems
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** A sub-network as a type, its description cut to the first sentence (the list's one line). */
    static ProcessorDescriptor describe(String type, NetworkSpec spec, ProcessorRegistry registry) {
        return SubNetworks.describe(type, spec, registry);
    }

    /** The first sentence of a description. */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
