package dev.conch.engine.runtime;

import dev.conch.engine.model.Diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every processor type on the class path, as {@link java.util.ServiceLoader} would find them (the files
 * {@code META-INF/services/dev.conch.engine.runtime.Processor}). The engine knows no processor by name: it asks the
 * registry.
 *
 * <p>A type is looked at only when it is used: a render of five node types instantiates five, not every type on the
 * class path. The names come from the {@link ProcessorIndex} the build writes beside each module's classes, so
 * loading the registry reads no annotation and creates no processor (both are cold code, about 40 ms of a short
 * render's CPU time). A class a service file lists and no index knows (a third party's processor, or classes built
 * without the index) is read from its {@link ProcessorInfo} at load, as before.
 */
public final class ProcessorRegistry {
    /** The service file ServiceLoader reads for processors. */
    static final String SERVICES = "META-INF/services/" + Processor.class.getName();

    private final ClassLoader loader;
    private final Map<String, Entry> types = new TreeMap<>();

    /** One type: where its class is, what its annotation says; its constructor and descriptor once asked for. */
    private static final class Entry {
        final String className;
        final String name;
        final String category;
        final String description;
        Class<? extends Processor> type;
        Constructor<? extends Processor> constructor;
        ProcessorDescriptor descriptor;

        Entry(String className, String name, String category, String description) {
            this.className = className;
            this.name = name;
            this.category = category;
            this.description = description;
        }
    }

    private ProcessorRegistry(ClassLoader loader) {
        this.loader = loader;
    }

    /** The types found by ServiceLoader through this class's loader. */
    public static ProcessorRegistry load() {
        return load(ProcessorRegistry.class.getClassLoader());
    }

    public static ProcessorRegistry load(ClassLoader loader) {
        ProcessorRegistry r = new ProcessorRegistry(loader);
        Properties index = ProcessorIndex.read(loader);
        for (String className : serviceClassNames(loader)) {
            String name = index.getProperty(className + ProcessorIndex.NAME);
            if (name == null) {
                r.register(loadClass(className, loader));
            } else {
                r.types.put(name, new Entry(className, name, index.getProperty(className + ProcessorIndex.CATEGORY),
                        index.getProperty(className + ProcessorIndex.DESCRIPTION)));
            }
        }
        return r;
    }

    /** A registry with exactly these types (tests, embedding). */
    @SafeVarargs
    public static ProcessorRegistry of(Class<? extends Processor>... types) {
        ProcessorRegistry r = new ProcessorRegistry(ProcessorRegistry.class.getClassLoader());
        for (Class<? extends Processor> t : types) r.register(t);
        return r;
    }

    /** Adds a type, read from its annotation; returns this registry. */
    public ProcessorRegistry register(Class<? extends Processor> type) {
        ProcessorInfo info = type.getAnnotation(ProcessorInfo.class);
        if (info == null) throw new IllegalArgumentException(type.getName() + " lacks @ProcessorInfo");
        Entry e = new Entry(type.getName(), info.name(), info.category(), info.description());
        e.type = type;
        constructor(e); // a type that cannot be made is refused here, as it always was
        descriptor(e);
        synchronized (this) {
            types.put(info.name(), e);
        }
        return this;
    }

    /**
     * The class names of every service file {@code loader} sees, in ServiceLoader's order and format (one name a
     * line, {@code #} starts a comment), each once.
     */
    static Set<String> serviceClassNames(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = loader.getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream();
                     BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int hash = line.indexOf('#');
                        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                        if (!name.isEmpty()) names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the processor service files", e);
        }
        return names;
    }

    private static Class<? extends Processor> loadClass(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader).asSubclass(Processor.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException(SERVICES + " names " + className + ", which is not a processor class "
                    + "on the class path", e);
        }
    }

    private synchronized Constructor<? extends Processor> constructor(Entry e) {
        if (e.constructor == null) {
            if (e.type == null) e.type = loadClass(e.className, loader);
            try {
                e.constructor = e.type.getDeclaredConstructor();
            } catch (NoSuchMethodException ex) {
                throw new IllegalArgumentException(e.className + " needs a public no-argument constructor", ex);
            }
        }
        return e.constructor;
    }

    /** What a default-configured instance offers, made at the first question. */
    private synchronized ProcessorDescriptor descriptor(Entry e) {
        if (e.descriptor == null) {
            Processor p;
            try {
                p = constructor(e).newInstance();
            } catch (ReflectiveOperationException ex) {
                throw new IllegalArgumentException(e.className + " needs a public no-argument constructor", ex);
            }
            p.runConfigure();
            e.descriptor = new ProcessorDescriptor(e.name, e.category, e.description,
                    p.inputs().stream().map(Input::spec).toList(),
                    p.outputs().stream().map(Output::spec).toList(),
                    p.params().stream().map(Param::spec).toList(),
                    p instanceof FeedbackBreaker);
        }
        return e.descriptor;
    }

    /**
     * Loads the class of every type without making one. The launcher's class-data caches hold the classes their
     * training run loaded; a render loads only its network's, so the training loads them all this way.
     */
    public synchronized void loadClasses() {
        for (Entry e : types.values()) {
            if (e.type == null) e.type = loadClass(e.className, loader);
        }
    }

    public synchronized boolean has(String type) {
        return types.containsKey(type);
    }

    /** The type's descriptor, or null when there is no such type. */
    public synchronized ProcessorDescriptor descriptor(String type) {
        Entry e = types.get(type);
        return e == null ? null : descriptor(e);
    }

    /** All descriptors, sorted by type name (this makes every type once). */
    public synchronized Collection<ProcessorDescriptor> descriptors() {
        List<ProcessorDescriptor> all = new ArrayList<>(types.size());
        for (Entry e : types.values()) all.add(descriptor(e));
        return java.util.Collections.unmodifiableList(all);
    }

    /** The type name closest to {@code unknown} (for "did you mean"), or null. */
    public synchronized String closest(String unknown) {
        return Text.closest(unknown, types.keySet());
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
        Entry entry;
        synchronized (this) {
            entry = types.get(type);
        }
        if (entry == null) throw new IllegalArgumentException("unknown processor type " + type);
        Constructor<? extends Processor> c = constructor(entry);
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
}
