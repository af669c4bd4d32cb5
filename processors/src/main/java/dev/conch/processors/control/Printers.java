package dev.conch.processors.control;

import dev.conch.engine.runtime.Processor;

import java.util.function.Consumer;

/**
 * Points a compiled network's {@link Print} nodes somewhere, for every command that runs one. A class of its own
 * rather than a static method of Print: calling one would initialise Print on every render, which makes only the
 * types its network names (RenderStartupTest).
 */
public final class Printers {
    private Printers() {
    }

    /**
     * Points every Print among {@code processors} at {@code lines}; whether there was any (a network of knobs and
     * printers has something to show without an AudioOutput).
     */
    public static boolean printAllTo(Iterable<? extends Processor> processors, Consumer<String> lines) {
        boolean any = false;
        for (Processor p : processors) {
            if (p instanceof Print print) {
                print.printTo(lines);
                any = true;
            }
        }
        return any;
    }
}
