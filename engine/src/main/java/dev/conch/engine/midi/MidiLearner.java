package dev.conch.engine.midi;

import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import java.util.function.Consumer;

/**
 * MIDI learn: what an input sends goes on to the {@link MidiMapper} (the sound follows the bindings), except that
 * while a param is {@link #learn learning}, the first controller moved becomes its binding: the controller's
 * number and the channel it came on. Runs on the MIDI device's thread; the learned binding is handed to a consumer
 * that must move it to its own thread (the editor's FX thread) before touching a document.
 */
public final class MidiLearner implements Receiver {
    private record Learning(Endpoint param, Consumer<MidiBinding> learned) {
    }

    private final MidiMapper mapper;
    private volatile Learning learning;

    public MidiLearner(MidiMapper mapper) {
        this.mapper = mapper;
    }

    public MidiMapper mapper() {
        return mapper;
    }

    /** The next controller moved binds to {@code param}; {@code learned} gets the binding (on the MIDI thread). */
    public void learn(Endpoint param, Consumer<MidiBinding> learned) {
        learning = new Learning(param, learned);
    }

    /** The param waiting for a controller, or null. */
    public Endpoint learning() {
        Learning l = learning;
        return l == null ? null : l.param();
    }

    public void cancel() {
        learning = null;
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        Learning l = learning;
        if (l != null && message instanceof ShortMessage m && m.getCommand() == ShortMessage.CONTROL_CHANGE) {
            learning = null;
            l.learned().accept(new MidiBinding(MidiBinding.Kind.CC, m.getChannel() + 1, m.getData1(), l.param(), Location.UNKNOWN));
            return;
        }
        mapper.send(message, timeStamp);
    }

    @Override
    public void close() {
        mapper.close();
    }
}
