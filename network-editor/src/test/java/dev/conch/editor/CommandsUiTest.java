package dev.conch.editor;

import dev.conch.editor.commands.Command;
import dev.conch.editor.commands.CommandTable;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One command table behind the menus and the keys: every menu item is a table command showing the table's key, no
 * key outside the table does anything, and the keys that must leave a focused text field alone do.
 */
@ExtendWith(ApplicationExtension.class)
class CommandsUiTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    Stage stage;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = new EditorWindow(stage, NetworkDocument.open(GLASS, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void everyMenuItemIsATableCommandShowingTheTablesKey(FxRobot robot) {
        CommandTable table = window.commands();
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        List<Command> listed = new ArrayList<>();
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item == window.recentMenu()) continue; // the files opened lately: no command, no key
                assertInstanceOf(Command.class, item.getUserData(), item.getText() + " is not from the table");
                Command c = (Command) item.getUserData();
                assertTrue(table.commands().contains(c), c.id());
                assertEquals(menu.getText(), c.menu(), c.id() + " listed in its own menu");
                assertEquals(c.label() + c.accelerator().map(k -> "    " + k.getDisplayText()).orElse(""), item.getText());
                assertNull(item.getAccelerator(), item.getText() + " registers a key of its own");
                listed.add(c);
            }
        }
        assertEquals(table.commands(), listed, "every command in the menus once, in table order");
        // F10 is JavaFX's own, registered by the menu bar: it moves the focus to the menus
        assertEquals(Set.of(KeyCombination.valueOf("F10")), window.scene().getAccelerators().keySet(),
                "no key registered with the scene behind the table");
        assertTrue(window.recentMenu().getItems().stream().allMatch(i -> i.getAccelerator() == null));
    }

    @Test
    void noKeyOutsideTheTableDoesAnything(FxRobot robot) {
        CommandTable table = window.commands();
        NetworkSpec spec = window.document().spec();
        robot.interact(() -> window.canvas().select(List.of("osc", "shape")));
        Set<String> selection = window.canvas().selection();
        double zoom = window.canvas().zoom();
        String status = window.status();
        int windows = Window.getWindows().size();
        List<KeyEvent> outside = new ArrayList<>();
        for (KeyCode code : KeyCode.values()) {
            if (!(code.isLetterKey() || code.isDigitKey() || code.isFunctionKey() || code.isNavigationKey()
                    || code == KeyCode.ESCAPE || code == KeyCode.ENTER || code == KeyCode.SPACE || code == KeyCode.INSERT)) {
                continue;
            }
            for (int mods = 0; mods < 4; mods++) {
                KeyEvent press = new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, (mods & 1) != 0, (mods & 2) != 0, false, false);
                if (table.commandFor(press, false).isEmpty()) outside.add(press);
            }
        }
        List<String> effects = new ArrayList<>();
        robot.interact(() -> {
            for (KeyEvent press : outside) {
                Event.fireEvent(window.canvas(), press.copyFor(window.canvas(), window.canvas()));
                String what = press.getCode() + (press.isShiftDown() ? "+Shift" : "") + (press.isControlDown() ? "+Ctrl" : "");
                if (!spec.equals(window.document().spec())) effects.add(what + " edited the network");
                if (!selection.equals(window.canvas().selection())) effects.add(what + " changed the selection");
                if (zoom != window.canvas().zoom()) effects.add(what + " zoomed");
                if (!status.equals(window.status())) effects.add(what + " said " + window.status());
                if (windows != Window.getWindows().size()) effects.add(what + " opened or closed a window");
                if (window.quickAddBox().showing()) effects.add(what + " opened the quick-add box");
            }
        });
        assertEquals(List.of(), effects);
        int tried = outside.size();
        assertTrue(tried > 300, "keys tried: " + tried); // 86 keys with and without Shift and Ctrl, less the 16 in the table
    }

    @Test
    void keysOfTheTableLeaveAFocusedTextFieldItsOwn(FxRobot robot) {
        robot.interact(() -> window.canvas().select(List.of("osc", "shape")));
        TextField search = robot.lookup("#palette-search").queryAs(TextField.class);
        robot.clickOn(search);
        robot.interact(() -> search.setText("gain"));
        robot.push(KeyCode.CONTROL, KeyCode.A); // the field selects its text, not every node
        assertEquals("gain", search.getSelectedText());
        assertEquals(Set.of("osc", "shape"), window.canvas().selection());
        robot.push(KeyCode.SHIFT, KeyCode.A); // types an A: no quick-add box
        assertFalse(window.quickAddBox().showing());
        assertEquals("A", search.getText());
        robot.push(KeyCode.BACK_SPACE);
        assertEquals("", search.getText());
        assertEquals(7, window.document().spec().nodes().size(), "Backspace in the field deleted no node");

        // Ctrl+Z is the document's wherever the focus is
        robot.interact(() -> window.viewModel().addNode("Delay"));
        robot.clickOn(search);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertTrue(window.document().spec().node("delay").isEmpty(), window.status());
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        assertTrue(window.document().spec().node("delay").isPresent(), "Ctrl+Y redoes too: " + window.status());
        robot.interact(() -> window.document().undo());
    }

    /** Issue 16: "Ctrl+Q does nothing" (the menu showed it, the key table had no Q). */
    @Test
    void ctrlQQuits(FxRobot robot) {
        Platform.setImplicitExit(false); // the toolkit outlives this window: the next test class needs it
        assertTrue(stage.isShowing());
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.Q);
        assertFalse(stage.isShowing(), "Ctrl+Q closes the editor");
    }

    /** Quit with unsaved changes asks first; Cancel stays, Don't save quits. */
    @Test
    void quitAsksAboutUnsavedChanges(FxRobot robot) {
        Platform.setImplicitExit(false);
        robot.interact(() -> window.viewModel().addNode("Delay"));
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.Q);
        robot.clickOn("Cancel");
        assertTrue(stage.isShowing(), "cancelled: the editor stays");
        assertTrue(window.document().spec().node("delay").isPresent());
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.Q);
        robot.clickOn("Don't save");
        assertFalse(stage.isShowing());
    }

    @Test
    void ctrlNStartsAnUntitledNetwork(FxRobot robot) {
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.N);
        assertEquals(List.of(), window.document().spec().nodes(), window.status());
        assertNull(window.document().file());
        assertEquals("untitled - Conch editor", stage.getTitle());
        assertTrue(robot.lookup("#node-osc").tryQuery().isEmpty(), "the canvas shows the empty network");
    }

    /** Issue 16 item 9: Help › Keyboard shortcuts lists every key of every command, read from the menus' own texts. */
    @Test
    void helpListsEveryShortcut(FxRobot robot) {
        robot.clickOn("Help").clickOn("#menu-shortcuts");
        String listed = robot.lookup("#shortcuts-list").queryAs(javafx.scene.control.TextArea.class).getText();
        int keys = 0;
        for (Command c : window.commands().commands()) {
            for (Command.Key k : c.keys()) {
                String line = listed.lines().filter(l -> l.contains(c.label().replace("...", "") + ":")).findFirst()
                        .orElseThrow(() -> new AssertionError(c.id() + " is not listed:\n" + listed));
                assertTrue(line.contains(k.combination().getDisplayText()), line + " lacks " + k.combination().getDisplayText());
                keys++;
            }
        }
        assertTrue(keys >= 20, "keys listed: " + keys);
        assertTrue(listed.contains("F2") && listed.contains("Delete"), listed);
        robot.clickOn("OK");
    }
}
