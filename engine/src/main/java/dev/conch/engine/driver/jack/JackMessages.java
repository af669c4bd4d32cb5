package dev.conch.engine.driver.jack;

import com.sun.jna.ptr.ByteByReference;
import org.jaudiolibs.jnajack.lowlevel.JackLibrary;
import org.jaudiolibs.jnajack.lowlevel.JackLibraryDirect;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps libjack's own console chatter ("Cannot connect to server socket err = ...", several lines for one missing
 * server) away from the user, who gets one sentence from {@link JackDriver} instead. The last few messages are kept
 * so that sentence can be chosen (and quoted); set the system property {@code conch.jack.verbose=true} to see them
 * all on stderr.
 */
final class JackMessages {
    private static final boolean VERBOSE = Boolean.getBoolean("conch.jack.verbose");
    private static final int KEEP = 16;
    private static final ArrayDeque<String> recent = new ArrayDeque<>();
    // libjack keeps the function pointers: hold the callbacks for the life of the JVM so they are never collected
    private static Sink errorSink;
    private static Sink infoSink;

    private JackMessages() {
    }

    /** Installs the quiet handlers once; needs the JACK library to be loadable (the caller checked). */
    static synchronized void install() {
        if (errorSink != null) return;
        JackLibrary lib = new JackLibraryDirect(); // the natives are registered once per JVM; this is a handle
        errorSink = new Sink();
        infoSink = new Sink();
        lib.jack_set_error_function(errorSink);
        lib.jack_set_info_function(infoSink);
    }

    /** Forgets what libjack said so far: call before the JACK call whose messages matter. */
    static synchronized void clear() {
        recent.clear();
    }

    /** What libjack said since {@link #clear()}, oldest first (at most the last 16 messages). */
    static synchronized List<String> recent() {
        return List.copyOf(recent);
    }

    private static synchronized void keep(String text) {
        if (recent.size() == KEEP) recent.removeFirst();
        recent.addLast(text);
    }

    /**
     * A named class, not a lambda: JNA finds a callback's method by reflection on its class. libjack reports from
     * whichever thread hit the problem, rarely its realtime one, and prints there itself when no handler is set.
     */
    private static final class Sink implements JackLibrary.func {
        @Override
        public void invoke(ByteByReference message) {
            if (message == null) return;
            String text = message.getPointer().getString(0).strip();
            keep(text);
            if (VERBOSE) System.err.println("jack: " + text);
        }
    }
}
