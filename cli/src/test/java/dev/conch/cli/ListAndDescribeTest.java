package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.junit.jupiter.api.Test;

/** {@code conch list} and {@code conch describe} against the registry's own descriptors. */
class ListAndDescribeTest {

    @Test
    void listShowsEveryTypeOnceWithCategoryAndDescriptionInAlignedColumns() {
        CliRun r = CliRun.of("list");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("TYPE"), r::toString);
        ProcessorRegistry registry = ProcessorRegistry.load();
        int library = Library.descriptors(registry).size();
        assertEquals(registry.descriptors().size() + library, lines.size() - 1,
                "one line per type and per library network, plus the header");

        int descriptionColumn = lines.get(0).indexOf("DESCRIPTION");
        int categoryColumn = lines.get(0).indexOf("CATEGORY");
        for (ProcessorDescriptor d : registry.descriptors()) {
            String line = lines.stream().filter(l -> l.startsWith(d.type() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + d.type() + "\n" + r));
            assertEquals(d.category(), line.substring(categoryColumn, categoryColumn + d.category().length()), line);
            assertEquals(d.description(), line.substring(descriptionColumn), line);
        }
        Set<String> types = lines.stream().skip(1).map(l -> l.split(" ")[0]).collect(Collectors.toSet());
        assertEquals(lines.size() - 1, types.size(), "no type listed twice");
    }

    @Test
    void describeShowsPortsAndEveryParamWithRangeDefaultAndRate() {
        ProcessorDescriptor d = ProcessorRegistry.load().descriptor("AudioOutput");
        CliRun r = CliRun.of("describe", "AudioOutput");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("AudioOutput (" + d.category() + ")"), r::toString);
        assertTrue(r.out().contains(d.description()), r::toString);
        // the default AudioOutput has inputs in1, in2
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+in\\s+in1\\s+audio\\s.*")), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+in\\s+in2\\s+audio\\s.*")), r::toString);
        for (ParamSpec p : d.params()) {
            String line = r.out().lines().filter(l -> l.trim().startsWith(p.name() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for param " + p.name() + "\n" + r));
            List<String> cells = Arrays.asList(line.trim().split("\\s{2,}"));
            assertEquals(p.defaultText(), cells.get(4), line);
            assertTrue(line.contains(Messages.number(p.min()) + " to " + Messages.number(p.max())), line);
            assertTrue(line.contains(p.live() ? "live" : "structural"), line);
        }
    }

    @Test
    void describeAcceptsAnyCaseAndEveryListedTypeDescribes() {
        for (ProcessorDescriptor d : ProcessorRegistry.load().descriptors()) {
            CliRun r = CliRun.of("describe", d.type().toLowerCase());
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith(d.type() + " ("), r::toString);
            for (ParamSpec p : d.params()) assertTrue(r.out().contains(p.name()), p.name() + "\n" + r);
        }
    }

    @Test
    void spectralNodesShowTheirFramingAsInheritedFromTheStft() {
        for (String type : List.of("ISTFT", "SpectralDelay", "SpectralGain", "SpectralFreeze", "SpectralMorph")) {
            CliRun r = CliRun.of("describe", type);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("inherited from the input's STFT"), r::toString);
            for (String framing : List.of("fftSize", "windowLength", "window", "beta", "overlap", "hop")) {
                assertFalse(r.out().lines().anyMatch(l -> l.trim().startsWith(framing + " ")),
                        type + " lists " + framing + " as a param\n" + r);
            }
            assertFalse(r.out().contains("spectrum(1024)"), "a default size shown as if fixed\n" + r);
        }
        CliRun istft = CliRun.of("describe", "ISTFT");
        assertTrue(istft.out().lines().anyMatch(l -> l.trim().equals("(none)")), "the ISTFT has no params\n" + istft);
        assertFalse(CliRun.of("list").out().contains("same params as its STFT"), "list tells the old way");
        CliRun stft = CliRun.of("describe", "STFT");
        assertTrue(stft.out().contains("Its output carries the framing"), stft::toString);
        assertTrue(stft.out().lines().anyMatch(l -> l.trim().startsWith("fftSize ")), stft::toString);
    }

    @Test
    void unknownTypeSuggestsTheNearestAndExits2() {
        CliRun r = CliRun.of("describe", "AudioOutpt");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("unknown processor type 'AudioOutpt'"), r::toString);
        assertTrue(r.err().contains("did you mean 'AudioOutput'?"), r::toString);
        assertFalse(r.err().contains("Exception"), "no stack trace for a typo\n" + r);
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun r = CliRun.of("rendr", "x.xml");
        assertEquals(2, r.exit(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }
}
