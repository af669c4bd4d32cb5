package dev.conch.cli;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;

import java.util.List;

/**
 * The sub-networks of the library folders ({@link SubNetworks#libraryFolders()}: the project's networks/library,
 * then ~/.conch/library), each described as a processor type {@code net:NAME.xml}, for {@code conch list} and
 * {@code conch describe}.
 */
final class Library {
    private Library() {
    }

    /** Every readable library network by type, in folder order then by name; unreadable ones are left out. */
    static List<ProcessorDescriptor> descriptors(ProcessorRegistry registry) {
        return SubNetworks.library(registry);
    }

    static ProcessorDescriptor describe(String type, NetworkSpec spec, ProcessorRegistry registry) {
        return SubNetworks.describe(type, spec, registry);
    }

    /** The first sentence of a description: the list's one line. */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
