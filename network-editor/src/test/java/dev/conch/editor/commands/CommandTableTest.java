package dev.conch.editor.commands;

import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.conch.editor.commands.Command.Key.always;
import static dev.conch.editor.commands.Command.Key.notTyping;
import static org.junit.jupiter.api.Assertions.*;

/** The table's own rules: one command a key, keys left to text fields, menus in table order. */
class CommandTableTest {
    final List<String> ran = new ArrayList<>();

    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { }); // the Shortcut modifier is the platform's: the toolkit knows which
        } catch (IllegalStateException alreadyStarted) {
            // another test class started it
        }
    }

    private CommandTable table() {
        return new CommandTable(List.of(
                Command.of("undo", "Edit", "Undo", () -> ran.add("undo"), always("Shortcut+Z")),
                Command.of("copy", "Edit", "Copy", () -> ran.add("copy"), notTyping("Shortcut+C")),
                Command.of("zoom", "View", "Zoom in", () -> ran.add("zoom"),
                        new Command.Key(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), true)),
                Command.of("align", "Arrange", "Align left", () -> ran.add("align"))));
    }

    private static KeyEvent press(KeyCode code, boolean shift, boolean control) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, control, false, false);
    }

    @Test
    void aKeyRunsItsCommandOnceAndIsConsumedAndOtherKeysPassOn() {
        CommandTable t = table();
        KeyEvent undo = press(KeyCode.Z, false, true);
        t.handle(undo, false);
        assertTrue(undo.isConsumed());
        KeyEvent shiftUndo = press(KeyCode.Z, true, true); // not in this table: Shift makes it another key
        t.handle(shiftUndo, false);
        assertFalse(shiftUndo.isConsumed());
        KeyEvent plainZ = press(KeyCode.Z, false, false);
        t.handle(plainZ, false);
        assertFalse(plainZ.isConsumed(), "a Z typed is not Ctrl+Z");
        t.handle(press(KeyCode.EQUALS, true, true), false);
        t.handle(press(KeyCode.EQUALS, false, true), false);
        assertEquals(List.of("undo", "zoom", "zoom"), ran, "Ctrl+= and Ctrl+Shift+= (a '+') both zoom");
    }

    @Test
    void aKeyLeftToTextFieldsGoesOnToTheFieldWhileTyping() {
        CommandTable t = table();
        KeyEvent copyWhileTyping = press(KeyCode.C, false, true);
        t.handle(copyWhileTyping, true);
        assertFalse(copyWhileTyping.isConsumed(), "the field copies its own text");
        t.handle(press(KeyCode.Z, false, true), true);
        t.handle(press(KeyCode.C, false, true), false);
        assertEquals(List.of("undo", "copy"), ran);
    }

    /** Help > Keyboard shortcuts listed zoom in as "Ctrl+=, Ctrl++, Ctrl++": the '+' key and the keypad's read alike. */
    @Test
    void aKeyTextIsListedOnceWhenTwoKeysReadTheSame() {
        CommandTable t = new CommandTable(List.of(Command.of("zoom-in", "View", "Zoom in", () -> { },
                anyShift(KeyCode.EQUALS), anyShift(KeyCode.PLUS), anyShift(KeyCode.ADD))));
        String ctrl = KeyCombination.valueOf("Shortcut+Z").getDisplayText().replace("Z", "");
        assertEquals(List.of("View \u203A Zoom in: " + ctrl + "=, " + ctrl + "+"), t.shortcutLines());
    }

    private static Command.Key anyShift(KeyCode code) {
        return new Command.Key(new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), true);
    }

    @Test
    void aKeyGivenToTwoCommandsOrANameUsedTwiceIsRefused() {
        var twice = assertThrows(IllegalArgumentException.class, () -> new CommandTable(List.of(
                Command.of("undo", "Edit", "Undo", () -> { }, always("Shortcut+Z")),
                Command.of("zap", "Edit", "Zap", () -> { }, always("Shortcut+Z")))));
        assertEquals("Shortcut+Z is the key of both undo and zap", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(List.of(
                Command.of("undo", "Edit", "Undo", () -> { }), Command.of("undo", "View", "Undo", () -> { }))));
    }

    @Test
    void menusListTheirCommandsWithTheirKeysInTableOrder() {
        CommandTable t = table();
        assertEquals(List.of("Edit", "View", "Arrange"), t.menuNames());
        Menu edit = t.menu("Edit");
        assertEquals(List.of("menu-undo", "menu-copy"), edit.getItems().stream().map(i -> i.getId()).toList());
        String ctrl = KeyCombination.valueOf("Shortcut+Z").getDisplayText().replace("Z", "");
        assertEquals("Undo    " + ctrl + "Z", edit.getItems().get(0).getText());
        assertNull(edit.getItems().get(0).getAccelerator(), "no JavaFX accelerator: the table's handler is the only one");
        assertEquals("Align left", t.menu("Arrange").getItems().get(0).getText(), "a menu-only command shows no key");
        edit.getItems().get(1).fire();
        assertEquals(List.of("copy"), ran);
    }
}
