package dev.conch.clam;

import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkSpec;

import java.util.List;

/**
 * A CLAM network as Conch reads it: the network (without whatever was refused), the report saying what became
 * what, and the monitors the editor opens in place of the visual-only processings it dropped. Whether a network with
 * refusals may be used is the caller's choice ({@code --partial}).
 */
public record ClamImport(NetworkSpec spec, ImportReport report, List<Monitor> monitors) {

    /** What a monitor shows (from {@code clam-monitors.tsv}). */
    public enum View { WAVEFORM, SPECTRUM, LEVEL, VALUE }

    /**
     * A dropped visual-only processing and the kept output it watched: there the editor opens a {@code view}
     * monitor. A processing watching several outputs (a ControlPrinter of several inputs) gives one each.
     */
    public record Monitor(String clamId, String clamType, View view, Endpoint port) {
        /** {@code Oscilloscope 'scope' watches osc.out (waveform)}, for the report. */
        @Override
        public String toString() {
            return clamType + " '" + clamId + "' watches " + port + " (" + view.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    public ClamImport {
        monitors = List.copyOf(monitors);
    }

    public ClamImport(NetworkSpec spec, ImportReport report) {
        this(spec, report, List.of());
    }
}
