package dev.conch.engine.driver.jack;

import dev.conch.engine.testing.ExternalTools;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackStatus;

import java.util.EnumSet;

/** The JACK server the end-to-end tests play through (CI starts {@code jackd --no-realtime -d dummy -r 48000 -p 256}). */
public final class JackServers {
    private JackServers() {
    }

    /** Skips (or, when JACK is required, fails) unless a JACK server answers a client that may not start one. */
    public static Jack require() {
        String why;
        try {
            Jack jack = Jack.getInstance();
            JackMessages.install();
            EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
            try {
                jack.openClient("conch-test-probe", EnumSet.of(JackOptions.JackNoStartServer), status).close();
                return jack;
            } catch (JackException e) {
                why = "no JACK server answered (" + status + ")";
            }
        } catch (JackException | LinkageError e) {
            why = "the JACK library is not installed (" + e + ")";
        }
        ExternalTools.require(false, why + "; start one with: jackd --no-realtime -d dummy -r 48000 -p 256");
        return null;
    }
}
