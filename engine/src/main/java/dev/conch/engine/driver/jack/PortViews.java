package dev.conch.engine.driver.jack;

import org.jaudiolibs.jnajack.JackPort;

import java.lang.reflect.Field;

/**
 * Works around JNAJack 1.4.0 keeping a port's FloatBuffer view at the length of the period in which the port's
 * memory last moved: after a buffer-size change that keeps the same memory (JACK 2 usually does), the view is
 * too short for longer periods. Forgetting JNAJack's cached address makes it build a view of the right length at
 * the next period. Called from JACK's buffer-size notice, which JACK 2 delivers while the graph is stopped.
 */
final class PortViews {
    private static final Field CACHED_ADDRESS = find();

    private PortViews() {
    }

    private static Field find() {
        try {
            Field f = JackPort.class.getDeclaredField("bufferPtr");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another JNAJack: JackCycle still never writes past a short view
        }
    }

    /** True if views can be refreshed (JNAJack's field is where 1.4.0 has it). */
    static boolean supported() {
        return CACHED_ADDRESS != null;
    }

    /** Makes JNAJack rebuild {@code port}'s view at the next period. */
    static void refresh(JackPort port) {
        if (CACHED_ADDRESS == null) return;
        try {
            CACHED_ADDRESS.set(port, null);
        } catch (IllegalAccessException e) {
            // cannot happen after setAccessible; the short-view guard in JackCycle still holds
        }
    }
}
