package dev.conch.engine.driver.jack;

import org.jaudiolibs.jnajack.JackStatus;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns what libjack reports when a client cannot open into one sentence a sound designer can act on. */
final class JackFailures {
    static final String NOT_RUNNING = "JACK is not running (start it with: jackd -d alsa, or qjackctl)";
    static final String NOT_INSTALLED = "JACK is not installed: its library (libjack) was not found "
            + "(install it, e.g. apt-get install jackd2)";

    private JackFailures() {
    }

    /**
     * @param serverAnswers whether a probe client could open: JACK 2 reports a name clash as a bare server error,
     *                      so "a server is there but refused us" is how a taken name is told from no server
     * @param libjackSaid   what libjack printed meanwhile (kept from the console by {@link JackMessages})
     */
    static String openFailed(String clientName, Set<JackStatus> status, boolean serverAnswers,
                             List<String> libjackSaid) {
        String said = String.join("\n", libjackSaid).toLowerCase(Locale.ROOT);
        if (status.contains(JackStatus.JackNameNotUnique)
                || serverAnswers && (said.contains("conflit") || said.contains("conflict") || said.contains("exist"))) {
            return "JACK client name '" + clientName + "' is taken: another program (or another conch) is already "
                    + "connected to JACK under that name; stop it or choose another client name";
        }
        if (status.contains(JackStatus.JackVersionError)) {
            return "JACK refused the connection: the JACK library and the running JACK server are different versions "
                    + "(reinstall JACK so that both match)";
        }
        if (status.contains(JackStatus.JackShmFailure)) {
            return "JACK is running but its shared memory cannot be reached (is the server started by another user?)";
        }
        if (status.contains(JackStatus.JackInvalidOption)) {
            return "JACK refused the client name '" + clientName + "' (too long, or characters JACK does not allow)";
        }
        if (serverAnswers) {
            return "JACK is running but refused the client '" + clientName + "'"
                    + (libjackSaid.isEmpty() ? "" : " (JACK said: " + libjackSaid.get(0) + ")");
        }
        return NOT_RUNNING;
    }
}
