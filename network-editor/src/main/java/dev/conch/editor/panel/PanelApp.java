package dev.conch.editor.panel;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.midi.MidiControl;
import dev.conch.editor.midi.MidiInputs;
import dev.conch.engine.driver.LiveSession;
import dev.conch.engine.midi.MidiLearner;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code conch play NET --panel}: the performance panel without the graph, on the session {@code play} runs. A
 * knob goes to the session's control queue (dragged and released alike); Learn MIDI binds a controller of the
 * {@code --midi} input; Save writes the knobs' values and the bindings into the network file, nothing else.
 */
public final class PanelApp extends Application {
    private record Setup(LiveSession session, NetworkSpec spec, Path file, MidiLearner learner, List<String> midiInputs) {
    }

    private static volatile Setup setup;

    /**
     * Shows the panel and blocks until its window is closed.
     *
     * @param learner    the learner the {@code --midi} input sends to (its mapper moves the session's params)
     * @param midiInputs the names of the inputs connected to it (empty: no --midi)
     */
    public static void run(LiveSession session, NetworkSpec spec, Path file, MidiLearner learner, List<String> midiInputs) {
        given(session, spec, file, learner, midiInputs);
        Application.launch(PanelApp.class);
    }

    /** What the next {@link #start} shows (tests start it on their own stage). */
    static void given(LiveSession session, NetworkSpec spec, Path file, MidiLearner learner, List<String> midiInputs) {
        setup = new Setup(session, spec, file, learner, midiInputs);
    }

    @Override
    public void start(Stage stage) {
        Setup s = setup;
        ProcessorRegistry registry = ProcessorRegistry.load();
        EditorViewModel vm = new EditorViewModel(new NetworkDocument(s.spec(), s.file(), registry));
        MidiControl midi = new MidiControl(vm, s.learner(), MidiInputs.opened(s.midiInputs()), Platform::runLater);
        PerformancePanel panel = new PerformancePanel(registry, new PerformancePanel.Actions() {
            @Override
            public String commit(String node, String param, String text) {
                String refused = vm.setParam(node, param, text);
                if (refused == null) live(node, param, text);
                return refused;
            }

            @Override
            public void live(String node, String param, double value) {
                try {
                    s.session().set(node, param, value);
                } catch (IllegalArgumentException e) {
                    vm.complain(e.getMessage());
                }
            }

            private void live(String node, String param, String text) {
                try {
                    s.session().set(node, param, text);
                } catch (IllegalArgumentException e) {
                    vm.complain(e.getMessage());
                }
            }

            @Override
            public List<javafx.scene.control.MenuItem> menu(String node, String param) {
                return midi.menu(node, param);
            }
        });
        panel.show(vm.spec());
        vm.specProperty().addListener((o, was, now) -> panel.show(now));
        panel.followMidi(midi::takeMoved);
        if (s.midiInputs().isEmpty()) vm.say("Playing. To learn MIDI, play with --midi DEVICE (conch devices lists them)");
        else vm.say("Playing; MIDI from " + String.join(", ", s.midiInputs()) + ": right-click a knob to learn a controller");

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button save = new Button("Save knobs and MIDI bindings");
        save.setId("panel-save");
        boolean xml = s.file() != null && s.file().getFileName().toString().endsWith(".xml");
        save.setDisable(!xml);
        save.setOnAction(e -> save(vm, s.file()));
        HBox bottom = new HBox(10, status, save);
        bottom.setPadding(new Insets(6, 12, 8, 12));
        PanelWindow window = new PanelWindow(stage, panel, bottom);
        stage.setTitle("Conch: " + s.spec().name() + " (playing)");
        stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), save::fire);
        window.show();
    }

    /**
     * The file as it is on disk with the knobs' values and the bindings of the panel: what {@code play} loaded may
     * hold --set values or inlined sub-networks, which are not the panel's to write.
     */
    static void save(EditorViewModel vm, Path file) {
        try {
            // an older file's paths are upgraded as the editor's save does, since the write gives the current version
            NetworkSpec onDisk = dev.conch.engine.graph.FilePaths.upgraded(NetworkXml.read(file), vm.registry());
            for (NodeSpec knob : PerformancePanel.knobs(vm.spec())) {
                var value = knob.params().get(PerformancePanel.VALUE);
                if (value != null && onDisk.node(knob.id()).isPresent()) onDisk = onDisk.withParam(knob.id(), PerformancePanel.VALUE, value.text());
            }
            NetworkXml.write(onDisk.withMidi(vm.spec().midi()), file);
            int n = vm.spec().midi().size();
            vm.say("Saved the knobs and " + n + " MIDI binding" + (n == 1 ? "" : "s") + " to " + file);
        } catch (IOException | dev.conch.engine.model.NetworkException e) {
            vm.complain("Cannot save " + file + ": " + e.getMessage());
        }
    }
}
