package dev.conch.cli;

import java.util.Comparator;
import java.util.List;

import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import picocli.CommandLine.Command;

/**
 * {@code conch list}: every processor type on the class path, grouped by category, in aligned columns; and the
 * library's sub-networks (category Library), which a network uses as {@code type="net:NAME.xml"}.
 */
@Command(name = "list", description = "List every processor type: name, category, description.")
final class ListCommand extends CliCommand {

    @Override
    int run() {
        ProcessorRegistry registry = ProcessorRegistry.load();
        List<ProcessorDescriptor> library = Library.descriptors(registry);
        List<ProcessorDescriptor> all = java.util.stream.Stream.concat(registry.descriptors().stream(), library.stream())
                .sorted(Comparator.comparing(ProcessorDescriptor::category).thenComparing(ProcessorDescriptor::type))
                .toList();
        int typeWidth = "TYPE".length();
        int categoryWidth = "CATEGORY".length();
        for (ProcessorDescriptor d : all) {
            typeWidth = Math.max(typeWidth, d.type().length());
            categoryWidth = Math.max(categoryWidth, d.category().length());
        }
        String row = "%-" + typeWidth + "s  %-" + categoryWidth + "s  %s";
        out().println(String.format(row, "TYPE", "CATEGORY", "DESCRIPTION").stripTrailing());
        for (ProcessorDescriptor d : all) {
            out().println(String.format(row, d.type(), d.category(), library.contains(d) ? Library.firstSentence(d.description()) : d.description()).stripTrailing());
        }
        return OK;
    }
}
