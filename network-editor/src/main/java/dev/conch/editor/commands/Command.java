package dev.conch.editor.commands;

import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.Optional;

/**
 * One thing the editor does on a menu item or a key: where it sits in the menus, its keys, its action. The
 * first key is the one its menu item shows; the others are alternatives (Ctrl+Y for redo, Backspace for Delete).
 *
 * @param id       a stable name (the menu item's id is {@code "menu-" + id})
 * @param menu     the menu it is listed in
 * @param label    its text in that menu
 * @param keys     the keys that run it, the shown one first; none for a menu-only command
 * @param action   what it does
 */
public record Command(String id, String menu, String label, List<Key> keys, Runnable action) {

    /**
     * A key that runs a command. One that does not run {@code whileTyping} is left to a focused text field, where
     * the same key has its own meaning (Ctrl+C copies text, Delete deletes a character, Shift+A types an A).
     */
    public record Key(KeyCombination combination, boolean whileTyping) {
        /** A key that runs its command wherever the focus is. */
        public static Key always(String keys) {
            return new Key(KeyCombination.valueOf(keys), true);
        }

        /** A key left to a focused text field. */
        public static Key notTyping(String keys) {
            return new Key(KeyCombination.valueOf(keys), false);
        }
    }

    public Command {
        keys = List.copyOf(keys);
    }

    public static Command of(String id, String menu, String label, Runnable action, Key... keys) {
        return new Command(id, menu, label, List.of(keys), action);
    }

    /** The same command, running {@code first} before its action. */
    public Command precededBy(Runnable first) {
        return new Command(id, menu, label, keys, () -> {
            first.run();
            action.run();
        });
    }

    /** The key its menu item shows, if it has one. */
    public Optional<KeyCombination> accelerator() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0).combination());
    }
}
