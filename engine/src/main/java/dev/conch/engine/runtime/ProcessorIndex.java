package dev.conch.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What the build knows of a module's processor types, so that the registry need not read annotations at run time:
 * {@code META-INF/conch/processors.properties} beside the module's classes, holding for each class of its service
 * file the {@link ProcessorInfo} it carries ({@code CLASS.name}, {@code CLASS.category}, {@code CLASS.description}).
 * The build writes it ({@link #main}, run by the engine's and the processors' poms after compiling); the shaded
 * jar appends the modules' files into one. An index is only ever a short cut: a class the service files list and
 * no index names is read from its annotation.
 */
public final class ProcessorIndex {
    /** Where each module's index is, among its classes. */
    public static final String RESOURCE = "META-INF/conch/processors.properties";
    static final String NAME = ".name";
    static final String CATEGORY = ".category";
    static final String DESCRIPTION = ".description";

    private ProcessorIndex() {
    }

    /** Every index {@code loader} sees, merged. */
    static Properties read(ClassLoader loader) {
        Properties all = new Properties();
        try {
            Enumeration<URL> files = loader.getResources(RESOURCE);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    all.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return all;
    }

    /**
     * Writes the index of the classes folder {@code args[0]}: the types its own service file lists, read from their
     * annotations with the class path this runs on (the module's classes and dependencies). A folder without a
     * service file gets none.
     */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path services = classes.resolve(ProcessorRegistry.SERVICES);
        if (!Files.exists(services)) return;
        Properties index = new Properties();
        try (URLClassLoader only = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            for (String className : ProcessorRegistry.serviceClassNames(only)) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, ProcessorIndex.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(services + " names " + className + ", which was not compiled", e);
                }
                ProcessorInfo info = type.getAnnotation(ProcessorInfo.class);
                if (info == null) throw new IllegalStateException(className + " lacks @ProcessorInfo");
                index.setProperty(className + NAME, info.name());
                index.setProperty(className + CATEGORY, info.category());
                index.setProperty(className + DESCRIPTION, info.description());
            }
        }
        // Properties' own escapes in ISO 8859-1 (what load(InputStream) reads), sorted and without store's date line,
        // so that the same classes give the same file
        StringWriter text = new StringWriter();
        index.store(text, null);
        String lines = text.toString().lines().filter(l -> !l.startsWith("#")).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        Path target = classes.resolve(RESOURCE);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".processors", ".tmp");
        try {
            Files.writeString(temp, lines, StandardCharsets.ISO_8859_1);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
