package dev.conch.editor.midi;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.BindMidi;
import dev.conch.editor.document.MidiWords;
import dev.conch.editor.document.UnbindMidi;
import dev.conch.engine.midi.MidiLearner;
import dev.conch.engine.midi.MidiMapper;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.runtime.Engine;
import javafx.scene.control.MenuItem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The editor's MIDI: the inputs (opened on the first Play or Learn), the network's bindings moving the playing
 * engine's params (through its lock-free control queue, as {@code conch play --midi} does), and MIDI learn: a
 * param's "Learn MIDI" binds the next controller moved, one undo step in the document.
 */
public final class MidiControl {
    /** Changes are stamped one player block ahead of the frames played (see {@link MidiMapper}). */
    private static final int AHEAD_FRAMES = 256;

    private final EditorViewModel vm;
    private MidiInputs inputs;
    private final Executor ui;
    private final MidiLearner learner;
    private List<String> connected;
    private MidiBindingsWindow bindings;

    /**
     * @param engines the engine playing now or null, safe to read from the MIDI thread
     * @param ui      runs a learned binding on the thread that owns the view-model (the FX thread)
     */
    public MidiControl(EditorViewModel vm, Supplier<Engine> engines, MidiInputs inputs, Executor ui) {
        this(vm, new MidiLearner(new MidiMapper(engines, vm.spec().midi(), AHEAD_FRAMES)), inputs, ui);
    }

    /** With a learner already fed by an input ({@code conch play --midi DEVICE --panel}). */
    public MidiControl(EditorViewModel vm, MidiLearner learner, MidiInputs inputs, Executor ui) {
        this.vm = vm;
        this.inputs = inputs;
        this.ui = ui;
        this.learner = learner;
        learner.mapper().bindings(vm.spec().midi());
        vm.specProperty().addListener((o, was, now) -> learner.mapper().bindings(now.midi()));
    }

    /** Where MIDI comes from (tests: a transmitter fed by hand), before the inputs are first opened. */
    public void inputs(MidiInputs from) {
        if (connected != null) throw new IllegalStateException("the MIDI inputs are already open");
        this.inputs = from;
    }

    /** Opens the inputs once; their names (none: there is no MIDI input). */
    public List<String> connect() {
        if (connected == null) connected = inputs.connect(learner);
        return connected;
    }

    /** The next controller moved is bound to {@code param} (replacing the controller it had). */
    public void learn(Endpoint param) {
        List<String> names = connect();
        if (names.isEmpty()) {
            vm.complain("No MIDI input to learn from: connect a controller (conch devices lists what Java Sound sees) "
                    + "and try again");
            return;
        }
        learner.learn(param, binding -> ui.execute(() -> learned(binding)));
        vm.say("Learning MIDI for " + param + ": move a controller on " + String.join(", ", names));
    }

    /** The params the bindings moved since the last call, with their last values (see {@link MidiMapper#takeMoved}). */
    public java.util.Map<Endpoint, Double> takeMoved() {
        return learner.mapper().takeMoved();
    }

    /** The param waiting for a controller, or null. */
    public Endpoint learning() {
        return learner.learning();
    }

    public void cancel() {
        Endpoint was = learner.learning();
        learner.cancel();
        if (was != null) vm.say("Stopped learning MIDI for " + was);
    }

    private void learned(MidiBinding binding) {
        if (vm.apply(new BindMidi(binding))) {
            vm.say("Bound " + MidiWords.of(binding) + " to " + binding.to() + " (undo removes it)");
        }
    }

    public void unbind(MidiBinding binding) {
        vm.apply(new UnbindMidi(binding));
    }

    /** A live param's MIDI items for its context menu: learn (or cancel learning), and forget its bindings. */
    public List<MenuItem> menu(String node, String param) {
        Endpoint target = new Endpoint(node, param);
        List<MenuItem> items = new ArrayList<>();
        String id = node + "-" + param;
        if (target.equals(learner.learning())) {
            MenuItem cancel = new MenuItem("Cancel MIDI learn");
            cancel.setId("midi-cancel-" + id);
            cancel.setOnAction(e -> cancel());
            items.add(cancel);
        } else {
            MenuItem learn = new MenuItem("Learn MIDI");
            learn.setId("midi-learn-" + id);
            learn.setOnAction(e -> learn(target));
            items.add(learn);
        }
        for (MidiBinding m : vm.spec().midi()) {
            if (!m.to().equals(target)) continue;
            MenuItem forget = new MenuItem("Forget " + MidiWords.of(m));
            forget.setId("midi-forget-" + id);
            forget.setOnAction(e -> unbind(m));
            items.add(forget);
        }
        return items;
    }

    /** MIDI › Bindings: the window listing the bindings (one for the editor's life). */
    public MidiBindingsWindow showBindings(javafx.stage.Window owner) {
        if (bindings == null) bindings = new MidiBindingsWindow(owner, vm.specProperty(), this::unbind);
        bindings.show();
        return bindings;
    }

    public void close() {
        if (bindings != null) bindings.close();
        learner.cancel();
        if (connected != null) inputs.close();
        connected = null;
    }
}
