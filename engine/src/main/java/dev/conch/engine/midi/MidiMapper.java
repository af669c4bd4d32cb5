package dev.conch.engine.midi;

import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.Processor;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns MIDI messages into param changes on a playing network, following the network's {@code <midi>} bindings.
 * Runs on the MIDI device's thread; every change enters the audio thread through the engine's lock-free control
 * queue, stamped one block ahead of the frames played so far, so events keep their order and land on a block
 * boundary the audio thread has not reached yet.
 *
 * <p>Notes are monophonic, last-note priority: {@code pitch} follows the most recent held note and returns to the
 * previous one when it is released; {@code gate} is 1 while any note is held.
 */
public final class MidiMapper implements Receiver {
    private final Supplier<Engine> engines;
    /** Replaced whole when a binding is learned or removed (the editor), read on the MIDI thread. */
    private volatile List<MidiBinding> bindings;
    private final int aheadFrames;
    private final int[] held = new int[128]; // held notes, oldest first
    private int heldCount;
    private volatile String lastProblem;
    /**
     * The last value each bound param was given, until {@link #takeMoved} takes it: a panel's knob follows the
     * controller (the MIDI thread writes, the UI thread takes; at most one entry per binding's target).
     */
    private final java.util.concurrent.ConcurrentHashMap<dev.conch.engine.model.Endpoint, Double> moved =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param aheadFrames how far ahead of the frames played a change is stamped (one callback block)
     */
    public MidiMapper(LiveSession session, List<MidiBinding> bindings, int aheadFrames) {
        this(session::engine, bindings, aheadFrames);
    }

    /**
     * @param engines the engine playing now, or null while nothing plays (the editor's player); read on the MIDI
     *                thread, so it must be safe to call from there
     */
    public MidiMapper(Supplier<Engine> engines, List<MidiBinding> bindings, int aheadFrames) {
        this.engines = engines;
        this.bindings = List.copyOf(bindings);
        this.aheadFrames = aheadFrames;
    }

    /** From the next message on, these bindings (a learned one added, one removed). */
    public void bindings(List<MidiBinding> next) {
        bindings = List.copyOf(next);
    }

    public List<MidiBinding> bindings() {
        return bindings;
    }

    /**
     * The params MIDI moved since the last call, each with the last value it was given (any thread; meant for a UI
     * polling a few times a second).
     */
    public java.util.Map<dev.conch.engine.model.Endpoint, Double> takeMoved() {
        java.util.Map<dev.conch.engine.model.Endpoint, Double> taken = new java.util.HashMap<>();
        for (dev.conch.engine.model.Endpoint e : moved.keySet()) {
            Double v = moved.remove(e); // a value put after this remove stays for the next call
            if (v != null) taken.put(e, v);
        }
        return taken;
    }

    /** The last change that could not be applied (queue full, value refused), or null. */
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public synchronized void send(MidiMessage message, long timeStamp) {
        if (!(message instanceof ShortMessage m)) return;
        int channel = m.getChannel() + 1;
        switch (m.getCommand()) {
            case ShortMessage.CONTROL_CHANGE -> {
                for (MidiBinding b : bindings) {
                    if (b.kind() == MidiBinding.Kind.CC && b.cc() == m.getData1() && matches(b, channel)) {
                        setScaled(b, m.getData2() / 127.0);
                    }
                }
            }
            case ShortMessage.NOTE_ON -> {
                if (m.getData2() == 0) noteOff(m.getData1(), channel);
                else noteOn(m.getData1(), m.getData2(), channel);
            }
            case ShortMessage.NOTE_OFF -> noteOff(m.getData1(), channel);
            default -> {
            }
        }
    }

    private void noteOn(int note, int velocity, int channel) {
        release(note);
        if (heldCount < held.length) held[heldCount++] = note;
        for (MidiBinding b : bindings) {
            if (!matches(b, channel)) continue;
            switch (b.kind()) {
                case PITCH -> set(b, hertz(note));
                case GATE -> set(b, 1);
                case VELOCITY -> setScaled(b, velocity / 127.0);
                default -> {
                }
            }
        }
    }

    private void noteOff(int note, int channel) {
        release(note);
        for (MidiBinding b : bindings) {
            if (!matches(b, channel)) continue;
            if (b.kind() == MidiBinding.Kind.GATE && heldCount == 0) set(b, 0);
            if (b.kind() == MidiBinding.Kind.PITCH && heldCount > 0) set(b, hertz(held[heldCount - 1]));
        }
    }

    private void release(int note) {
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == note) {
                System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
                heldCount--;
                return;
            }
        }
    }

    /** Equal temperament, A4 (note 69) = 440 Hz. */
    public static double hertz(int note) {
        return 440 * Math.pow(2, (note - 69) / 12.0);
    }

    private static boolean matches(MidiBinding b, int channel) {
        return b.channel() == 0 || b.channel() == channel;
    }

    private void setScaled(MidiBinding b, double fraction) {
        ParamSpec spec = spec(engines.get(), b);
        if (spec != null) set(b, spec.min() + (spec.max() - spec.min()) * fraction);
    }

    private void set(MidiBinding b, double value) {
        Engine engine = engines.get();
        ParamSpec spec = spec(engine, b);
        if (spec == null) return;
        double v = Math.max(spec.min(), Math.min(spec.max(), value));
        try {
            if (!engine.set(b.to().node(), b.to().port(), v, engine.framesPlayed() + aheadFrames)) {
                lastProblem = "MIDI change to " + b.to() + " dropped: the control queue is full";
            } else {
                moved.put(b.to(), v);
            }
        } catch (IllegalArgumentException e) {
            lastProblem = e.getMessage();
        }
    }

    private static ParamSpec spec(Engine engine, MidiBinding b) {
        if (engine == null) return null;
        Processor p = engine.network().processors().get(b.to().node());
        Param prm = p == null ? null : p.param(b.to().port());
        return prm == null ? null : prm.spec();
    }

    @Override
    public void close() {
    }
}
