package dev.conch.engine.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a processor type for the registry: the name used in network files, its palette category, one line about it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcessorInfo {
    /** The type name written in network files, e.g. {@code Waveshaper}. */
    String name();

    /** Palette group: Sources, Filters, Shapers, Mixing, Time, Files, Spectral, Control, I/O. */
    String category();

    /** One sentence for {@code conch list} and the editor. */
    String description();
}
