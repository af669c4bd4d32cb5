package dev.conch.benchmarks;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.conch.benchmarks.control.ControlBenchmark;
import dev.conch.benchmarks.filter.ConvolverBenchmark;
import dev.conch.benchmarks.granular.GrainStreamBenchmark;
import dev.conch.benchmarks.io.AudioFileReaderBenchmark;
import dev.conch.benchmarks.io.AudioFileWriterBenchmark;
import dev.conch.benchmarks.io.AudioInputBenchmark;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import org.openjdk.jmh.annotations.Param;

/**
 * The one place that knows which benchmark measures which processor type, and a check (run from every per-processor
 * benchmark's setup) that fails the run when {@link ProcessorRegistry#load()} has a type no benchmark measures: a new
 * processor must come with a benchmark. A class sweeping types by a {@code type} {@code @Param} is read from that
 * annotation, so its list cannot drift from what it actually runs; a class measuring a single type names it here.
 */
public final class Coverage {
    /** Benchmarks with a {@code @Param String type} listing the types they run. */
    static final List<Class<?>> BY_TYPE_PARAM = List.of(ProcessorBenchmark.class, ControlBenchmark.class,
            SpectralProcessorBenchmark.class);

    /** Benchmarks dedicated to one type. */
    static final Map<Class<?>, String> SINGLE = Map.of(
            OscillatorBenchmark.class, "Oscillator",
            WaveshaperBenchmark.class, "Waveshaper",
            BiquadModulatedBenchmark.class, "Biquad",
            GrainStreamBenchmark.class, "GrainStream",
            AudioFileReaderBenchmark.class, "AudioFileReader",
            AudioFileWriterBenchmark.class, "AudioFileWriter",
            AudioInputBenchmark.class, "AudioInput",
            ConvolverBenchmark.class, "Convolver");

    private static volatile boolean checked;

    private Coverage() {
    }

    /** Every type some benchmark measures. */
    public static Set<String> covered() {
        Set<String> types = new TreeSet<>(SINGLE.values());
        for (Class<?> c : BY_TYPE_PARAM) {
            try {
                Field f = c.getField("type");
                Param p = f.getAnnotation(Param.class);
                if (p == null) throw new IllegalStateException(c.getSimpleName() + ".type has no @Param");
                types.addAll(List.of(p.value()));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(c.getSimpleName() + " has no public field 'type'", e);
            }
        }
        return types;
    }

    /** The registered processor types no benchmark measures, sorted. */
    public static Set<String> missing() {
        Set<String> covered = covered();
        Set<String> missing = new TreeSet<>();
        for (ProcessorDescriptor d : ProcessorRegistry.load().descriptors()) {
            if (!covered.contains(d.type())) missing.add(d.type());
        }
        return missing;
    }

    /** Throws, naming the types without a benchmark, when the registry has any; runs once per JVM. */
    public static void check() {
        if (checked) return;
        Set<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("processor types without a benchmark: " + missing + ". Add each to a "
                    + "benchmark's 'type' @Param (ProcessorBenchmark for a plain audio processor) or write a "
                    + "benchmark for it and list it in " + Coverage.class.getName() + ".SINGLE");
        }
        checked = true;
    }
}
