package dev.conch.editor.palette;

import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The palette's first section is the library of sub-networks, and adding one from it adds its net: type. */
@ExtendWith(ApplicationExtension.class)
class PaletteLibraryUiTest {
    private final List<String> added = new ArrayList<>();
    private Palette palette;

    @Start
    void start(Stage stage) {
        palette = new Palette(ProcessorRegistry.load(), added::add);
        stage.setScene(new Scene(palette, 300, 600));
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLibraryComesFirstAndAddsItsSubNetworks(FxRobot robot) {
        TreeView<String> tree = robot.lookup("#palette-tree").queryAs(TreeView.class);
        TreeItem<String> first = tree.getRoot().getChildren().get(0);
        assertEquals(Palette.LIBRARY, first.getValue());
        List<String> library = first.getChildren().stream().map(TreeItem::getValue).toList();
        assertTrue(library.containsAll(List.of("net:bell-voice.xml", "net:grain-voice.xml", "net:ping-pong-delay.xml",
                "net:spectral-freeze-pad.xml")), library.toString());
        // the processors follow, by category
        assertEquals("Control", tree.getRoot().getChildren().get(1).getValue());

        TextField search = robot.lookup("#palette-search").queryAs(TextField.class);
        robot.interact(() -> {
            search.setText("ping-pong");
            search.fireEvent(new ActionEvent());
        });
        assertEquals(List.of("net:ping-pong-delay.xml"), added);
        assertEquals(List.of(Palette.LIBRARY), List.copyOf(palette.sections("ping-pong").keySet()));
    }
}
