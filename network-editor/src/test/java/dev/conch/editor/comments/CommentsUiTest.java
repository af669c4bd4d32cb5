package dev.conch.editor.comments;

import dev.conch.editor.EditorWindow;
import dev.conch.engine.model.Comment;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 item 7, comments on the canvas, with the mouse and the real dialog: right-click the background → Add
 * comment here puts a note where the click was (in network coordinates), a drag moves it by the drag over the zoom,
 * a double-click rewrites it, right-click → Delete removes it; each is one undo step, and the saved file holds it.
 */
@ExtendWith(ApplicationExtension.class)
class CommentsUiTest {
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = dev.conch.editor.EditorWindows.onCopyOf("glass-drone.xml", dir, stage);
    }

    @Test
    void addMoveEditAndDeleteACommentEachOneUndoStep(FxRobot robot) throws Exception {
        NetworkSpec original = window.document().spec();
        Point2D local = emptyBackgroundPoint();
        Point2D screen = window.canvas().localToScreen(local);
        Point2D expected = window.canvas().toNetwork(local.getX(), local.getY());

        robot.moveTo(screen).clickOn(MouseButton.SECONDARY).clickOn("Add comment here");
        // the dialog's window takes the keys (a click on its header), and inside it the text has the focus: left on
        // the default button, the space of "Fade in" pressed OK with no text
        robot.clickOn("A note on the canvas, saved with the network (nothing plays it)");
        robot.write("Fade in").push(KeyCode.ENTER).write("over 6 s");
        robot.clickOn("OK");
        List<Comment> comments = window.document().spec().comments();
        assertEquals(1, comments.size(), window.status());
        assertEquals("Fade in\nover 6 s", comments.get(0).text());
        assertEquals(expected.getX(), comments.get(0).x(), 1, "where the right-click was, in the network's coordinates");
        assertEquals(expected.getY(), comments.get(0).y(), 1);
        assertEquals("add a comment", window.document().undoLabel());

        // dragged 120 right and 60 up in screen pixels: moved that much over the zoom
        double zoom = window.canvas().zoom();
        robot.drag("#comment-0").moveBy(120, -60).drop();
        Comment moved = window.document().spec().comments().get(0);
        assertEquals(comments.get(0).x() + 120 / zoom, moved.x(), 1.5);
        assertEquals(comments.get(0).y() - 60 / zoom, moved.y(), 1.5);
        assertEquals("move a comment", window.document().undoLabel());

        // double-click: the dialog holds the text; rewritten
        robot.doubleClickOn("#comment-0");
        assertEquals("Fade in\nover 6 s", robot.lookup("#comment-text").queryAs(TextArea.class).getText());
        robot.interact(() -> robot.lookup("#comment-text").queryAs(TextArea.class).setText("Fade out at 22 s"));
        robot.clickOn("OK");
        assertEquals(new Comment(moved.x(), moved.y(), "Fade out at 22 s"), window.document().spec().comments().get(0));
        assertEquals("edit a comment", window.document().undoLabel());

        Path saved = dir.resolve("saved.xml");
        robot.interact(() -> window.files().saveAs(saved));
        assertEquals(window.document().spec().comments(), NetworkXml.read(saved).comments(), "saved and read back");

        robot.rightClickOn("#comment-0").clickOn("Delete comment");
        assertEquals(List.of(), window.document().spec().comments(), window.status());
        assertTrue(robot.lookup("#comment-0").tryQuery().isEmpty(), "and gone from the canvas");

        for (int i = 0; i < 4; i++) robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "four undo steps back to the network as opened");
    }

    /** A point of the canvas on no node and no wire, away from the minimap: a quarter in from the left, low down. */
    private Point2D emptyBackgroundPoint() {
        double w = window.canvas().getWidth(), h = window.canvas().getHeight();
        for (double fy = 0.8; fy > 0.4; fy -= 0.05) {
            Point2D p = new Point2D(w * 0.25, h * fy);
            boolean free = window.document().spec().nodes().stream().noneMatch(n -> {
                Node v = window.canvasView(n.id());
                Bounds b = window.canvas().sceneToLocal(v.localToScene(v.getBoundsInLocal()));
                return b.getMinX() - 20 < p.getX() && p.getX() < b.getMaxX() + 20 && b.getMinY() - 20 < p.getY() && p.getY() < b.getMaxY() + 20;
            });
            if (free) return p;
        }
        throw new AssertionError("no free point on the canvas");
    }
}
