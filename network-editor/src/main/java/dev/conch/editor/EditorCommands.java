package dev.conch.editor;

import dev.conch.editor.commands.Command;
import dev.conch.editor.commands.CommandTable;
import dev.conch.editor.document.Align;
import dev.conch.editor.files.FileController;
import dev.conch.editor.subnet.SubNetworkActions;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;

import static dev.conch.editor.commands.Command.Key.always;
import static dev.conch.editor.commands.Command.Key.notTyping;

/** The editor's command table: every menu item and every shortcut, in menu order. */
final class EditorCommands {
    private EditorCommands() {
    }

    /** What only the window can do: its view of the canvas, its popups and dialogs, closing. */
    interface View {
        void fitToView();

        void zoom(double factor);

        void quickAdd();

        void render();

        void quit();

        /** F2: asks the selected node's new id. */
        void rename();

        /** The network's name, sample rate, duration and description in a dialog. */
        void properties();

        /** Every command with its keys, from this table. */
        void shortcuts();

        /** F1: {@code conch describe}'s text for the selected node, in a window that follows the selection. */
        void nodeHelp();

        /** The performance panel: every Constant as a slider, live while playing. */
        void panel();

        /** The network's MIDI bindings, each removable. */
        void midiBindings();

        /** Commits a value typed into the inspector and not committed yet (its field still has the focus). */
        void commitTyping();
    }

    /** Commands that leave a value being typed uncommitted: they change the network back, and the field with it. */
    private static final java.util.Set<String> DROPPING_TYPING = java.util.Set.of("undo", "redo");

    static CommandTable table(EditorViewModel vm, FileController files, SubNetworkActions subNetworks, View view) {
        List<Command> commands = List.of(
                Command.of("new", "File", "New", files::newNetwork, always("Shortcut+N")),
                Command.of("open", "File", "Open...", files::open, always("Shortcut+O")),
                Command.of("save", "File", "Save", files::save, always("Shortcut+S")),
                Command.of("save-as", "File", "Save As...", files::saveAs, always("Shortcut+Shift+S")),
                Command.of("properties", "File", "Network properties...", view::properties),
                Command.of("render", "File", "Render to file...", view::render, always("Shortcut+R")),
                Command.of("close", "File", "Close", files::closeNetwork, always("Shortcut+W")),
                Command.of("quit", "File", "Quit", view::quit, always("Shortcut+Q")),

                Command.of("undo", "Edit", "Undo", vm::undo, always("Shortcut+Z")),
                Command.of("redo", "Edit", "Redo", vm::redo, always("Shortcut+Shift+Z"), always("Shortcut+Y")),
                Command.of("cut", "Edit", "Cut", vm::cut, notTyping("Shortcut+X")),
                Command.of("copy", "Edit", "Copy", vm::copy, notTyping("Shortcut+C")),
                Command.of("paste", "Edit", "Paste", vm::paste, notTyping("Shortcut+V")),
                Command.of("duplicate", "Edit", "Duplicate", vm::duplicate, notTyping("Shortcut+D")),
                Command.of("select-all", "Edit", "Select all", vm::selectAll, notTyping("Shortcut+A")),
                Command.of("quick-add", "Edit", "Quick add node...", view::quickAdd, always("Shortcut+1"), notTyping("Shift+A")),
                Command.of("delete", "Edit", "Delete", vm::deleteSelected, notTyping("Delete"), notTyping("Backspace")),
                Command.of("rename", "Edit", "Rename node...", view::rename, notTyping("F2")),
                Command.of("group", "Edit", "Group into sub-network...", subNetworks::group, notTyping("Shortcut+G")),
                Command.of("ungroup", "Edit", "Ungroup", subNetworks::ungroup, notTyping("Shortcut+Shift+G")),
                Command.of("open-subnetwork", "Edit", "Open sub-network in a tab", subNetworks::openSelected),

                Command.of("fit", "View", "Fit to view", view::fitToView, always("Shortcut+0")),
                // "+" is Shift+= on most keyboards: either way it zooms in
                Command.of("zoom-in", "View", "Zoom in", () -> view.zoom(1.25), anyShift(KeyCode.EQUALS),
                        anyShift(KeyCode.PLUS), anyShift(KeyCode.ADD)),
                Command.of("zoom-out", "View", "Zoom out", () -> view.zoom(0.8), anyShift(KeyCode.MINUS),
                        anyShift(KeyCode.SUBTRACT)),

                Command.of("panel", "View", "Performance panel...", view::panel, always("Shortcut+P")),

                Command.of("align-left", "Arrange", "Align left", () -> vm.arrange(Align::left)),
                Command.of("align-top", "Arrange", "Align top", () -> vm.arrange(Align::top)),
                Command.of("distribute", "Arrange", "Distribute horizontally", () -> vm.arrange(Align::distributeHorizontally)),

                Command.of("midi-bindings", "MIDI", "MIDI bindings...", view::midiBindings, always("Shortcut+M")),

                Command.of("node-help", "Help", "Describe the selected node", view::nodeHelp, always("F1")),
                Command.of("shortcuts", "Help", "Keyboard shortcuts...", view::shortcuts));
        // a menu or a key does not take the focus from the field: Save, Render, Close... see what it shows
        return new CommandTable(commands.stream()
                .map(c -> DROPPING_TYPING.contains(c.id()) ? c : c.precededBy(view::commitTyping)).toList());
    }

    private static Command.Key anyShift(KeyCode code) {
        return new Command.Key(new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), true);
    }
}
