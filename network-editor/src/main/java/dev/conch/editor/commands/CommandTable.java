package dev.conch.editor.commands;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every command of the editor, once: the menus are built from it, and one key handler runs it. A menu item shows
 * its key in its text rather than registering a JavaFX accelerator, so a key is handled in exactly one place, and
 * the handler can leave a key to a focused text field ({@link Command.Key#whileTyping()}).
 */
public final class CommandTable {
    private final List<Command> commands;

    /** @throws IllegalArgumentException when two commands share an id or a key */
    public CommandTable(List<Command> commands) {
        this.commands = List.copyOf(commands);
        Map<String, String> idOf = new HashMap<>();
        Map<KeyCombination, String> keyOwner = new HashMap<>();
        for (Command c : this.commands) {
            if (idOf.put(c.id(), c.id()) != null) throw new IllegalArgumentException("two commands are named " + c.id());
            for (Command.Key k : c.keys()) {
                String other = keyOwner.put(k.combination(), c.id());
                if (other != null) {
                    throw new IllegalArgumentException(k.combination().getName() + " is the key of both " + other + " and " + c.id());
                }
            }
        }
    }

    public List<Command> commands() {
        return commands;
    }

    public Optional<Command> command(String id) {
        return commands.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The menus' names, in the order their first command is listed. */
    public List<String> menuNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Command c : commands) names.add(c.menu());
        return List.copyOf(names);
    }

    /** A menu of the commands listed under {@code name}, in table order. */
    public Menu menu(String name) {
        Menu menu = new Menu(name);
        for (Command c : commands) if (c.menu().equals(name)) menu.getItems().add(item(c));
        return menu;
    }

    /** A menu item for {@code c}: its label with its key's text, and its action. */
    public static MenuItem item(Command c) {
        MenuItem item = new MenuItem(c.label() + c.accelerator().map(k -> "    " + k.getDisplayText()).orElse(""));
        item.setId("menu-" + c.id());
        item.setUserData(c);
        item.setOnAction(e -> c.action().run());
        return item;
    }

    /** The command a key press runs, if any: none for a key left to a text field while {@code typing}. */
    public Optional<Command> commandFor(KeyEvent e, boolean typing) {
        for (Command c : commands) {
            for (Command.Key k : c.keys()) {
                if (k.combination().match(e)) return typing && !k.whileTyping() ? Optional.empty() : Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Runs the command of a key press and consumes the press; other keys go on to the focused control. */
    public void handle(KeyEvent e, boolean typing) {
        Optional<Command> c = commandFor(e, typing);
        if (c.isEmpty()) return;
        c.get().action().run();
        e.consume();
    }

    /** "Edit › Undo: Ctrl+Z, Ctrl+Y" for each command with keys, in menu order: what Help › Keyboard shortcuts lists. */
    public List<String> shortcutLines() {
        List<String> lines = new ArrayList<>();
        for (Command c : commands) {
            if (c.keys().isEmpty()) continue;
            // two keys may read the same ('+' on the main keys and on the keypad): each text once
            Set<String> keys = new LinkedHashSet<>();
            for (Command.Key k : c.keys()) keys.add(k.combination().getDisplayText());
            lines.add(c.menu() + " \u203A " + c.label().replace("...", "") + ": " + String.join(", ", keys));
        }
        return lines;
    }

    /** Every key of every command (the tests check no other key does anything). */
    public List<KeyCombination> keys() {
        List<KeyCombination> all = new ArrayList<>();
        for (Command c : commands) for (Command.Key k : c.keys()) all.add(k.combination());
        return all;
    }
}
