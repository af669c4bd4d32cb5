package dev.conch.cli;

import java.util.List;
import java.util.Locale;

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
@Command(name = "describe", description = "Show a processor type's ports and params.",
        footer = {"", "Example:", "  conch describe Biquad"})
final class DescribeCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "TYPE", description = "a processor type, as `conch list` shows it")
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
        // "biquad" is surely Biquad; a file still needs the exact name, which the output shows
        for (ProcessorDescriptor d : registry.descriptors()) if (d.type().equalsIgnoreCase(type)) return d;
        String near = registry.closest(type);
        List<String> all = registry.descriptors().stream().map(ProcessorDescriptor::type).toList();
        throw new UserError(Diagnostics.unknownType(type, near) + "; the types are: " + String.join(", ", all));
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
