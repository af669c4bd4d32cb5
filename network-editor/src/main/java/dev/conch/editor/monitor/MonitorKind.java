package dev.conch.editor.monitor;

/** What a monitor draws from the samples of one output port. */
public enum MonitorKind {
    SCOPE("Oscilloscope"), SPECTRUM("Spectrum analyser"), SPECTROGRAM("Spectrogram"), LEVEL("Level meter"),
    /** A control's value as a number, over its recent trace (what CLAM's ControlPrinter showed). */
    VALUE("Value");

    private final String label;

    MonitorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
