package dev.conch.engine.runtime;

import dev.conch.engine.model.Diagnostics;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every processor type on the class path, found by {@link ServiceLoader}. The engine knows no processor by
 * name: it asks the registry.
 */
public final class ProcessorRegistry {
    private final Map<String, Constructor<? extends Processor>> constructors = new TreeMap<>();
    private final Map<String, ProcessorDescriptor> descriptors = new TreeMap<>();

    private ProcessorRegistry() {
    }

    /** The types found by ServiceLoader through this class's loader. */
    public static ProcessorRegistry load() {
        return load(ProcessorRegistry.class.getClassLoader());
    }

    public static ProcessorRegistry load(ClassLoader loader) {
        ProcessorRegistry r = new ProcessorRegistry();
        ServiceLoader.load(Processor.class, loader).stream().forEach(p -> r.register(p.type()));
        return r;
    }

    /** A registry with exactly these types (tests, embedding). */
    @SafeVarargs
    public static ProcessorRegistry of(Class<? extends Processor>... types) {
        ProcessorRegistry r = new ProcessorRegistry();
        for (Class<? extends Processor> t : types) r.register(t);
        return r;
    }

    /** Adds a type; returns this registry. */
    public ProcessorRegistry register(Class<? extends Processor> type) {
        ProcessorInfo info = type.getAnnotation(ProcessorInfo.class);
        if (info == null) throw new IllegalArgumentException(type.getName() + " lacks @ProcessorInfo");
        try {
            Constructor<? extends Processor> c = type.getDeclaredConstructor();
            constructors.put(info.name(), c);
            Processor p = c.newInstance();
            p.runConfigure();
            descriptors.put(info.name(), describe(info, p));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public no-argument constructor", e);
        }
        return this;
    }

    public boolean has(String type) {
        return descriptors.containsKey(type);
    }

    public ProcessorDescriptor descriptor(String type) {
        return descriptors.get(type);
    }

    /** All descriptors, sorted by type name. */
    public Collection<ProcessorDescriptor> descriptors() {
        return Collections.unmodifiableCollection(descriptors.values());
    }

    /** The type name closest to {@code unknown} (for "did you mean"), or null. */
    public String closest(String unknown) {
        return Text.closest(unknown, descriptors.keySet());
    }

    /** A processor with its params set from the file's texts, configured (ports declared), not yet prepared. */
    public record Created(Processor processor, List<ParamProblem> problems) {
    }

    /** A param the file sets wrongly: its name and a sentence saying what is wrong. */
    public record ParamProblem(String param, String message) {
    }

    /**
     * Instantiates {@code type} and applies the params. Every problem is collected (unknown names, bad values);
     * a param with a problem keeps its default so the rest can still be checked.
     */
    public Created create(String type, Map<String, String> paramTexts) {
        return create(type, paramTexts, Map.of());
    }

    /**
     * As {@link #create(String, Map)}, for a node whose spectrum inputs read streams of these formats (by input
     * name): its configure() sees them through {@link Processor#inputFormat(String)}.
     */
    public Created create(String type, Map<String, String> paramTexts, Map<String, SpectrumFormat> inputFormats) {
        Constructor<? extends Processor> c = constructors.get(type);
        if (c == null) throw new IllegalArgumentException("unknown processor type " + type);
        Processor p;
        try {
            p = c.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("processor " + type + " failed to construct", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("processor " + type + " cannot be constructed", e);
        }
        List<ParamProblem> problems = new ArrayList<>();
        // structural params first: configure() may declare more params (a mixer's gain per input), set after it
        Map<String, String> later = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : paramTexts.entrySet()) {
            if (p.param(e.getKey()) == null) later.put(e.getKey(), e.getValue());
            else apply(p, e.getKey(), e.getValue(), problems);
        }
        p.inheritFormats(inputFormats);
        try {
            p.runConfigure();
        } catch (IllegalArgumentException ex) {
            problems.add(new ParamProblem("", ex.getMessage()));
        }
        for (Map.Entry<String, String> e : later.entrySet()) {
            if (p.param(e.getKey()) != null) {
                apply(p, e.getKey(), e.getValue(), problems);
                continue;
            }
            String near = Text.closest(e.getKey(), p.params().stream().map(Param::name).toList());
            problems.add(new ParamProblem(e.getKey(), Diagnostics.noParameter(type, Text.clip(e.getKey()), "", near)
                    + "; it has: " + String.join(", ", p.params().stream().map(Param::name).toList())));
        }
        return new Created(p, problems);
    }

    private static void apply(Processor p, String name, String text, List<ParamProblem> problems) {
        Param param = p.param(name);
        try {
            double v = param.spec().parse(text);
            param.setText(text.trim());
            param.jump(v);
        } catch (IllegalArgumentException ex) {
            problems.add(new ParamProblem(name, Text.clip(name) + ": " + ex.getMessage()));
        }
    }

    private static ProcessorDescriptor describe(ProcessorInfo info, Processor p) {
        return new ProcessorDescriptor(info.name(), info.category(), info.description(),
                p.inputs().stream().map(Input::spec).toList(),
                p.outputs().stream().map(Output::spec).toList(),
                p.params().stream().map(Param::spec).toList(),
                p instanceof FeedbackBreaker);
    }
}
