package dev.conch.editor.inspector;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;

import java.util.List;
import java.util.function.Supplier;

/**
 * A context menu whose items are asked for when it opens (they depend on the document then). It opens on the
 * context-menu request and on a secondary-button press too: not every platform sends the request (Monocle does not).
 */
public final class RightClickMenu {
    private RightClickMenu() {
    }

    public static void attach(Node node, Supplier<List<MenuItem>> items) {
        ContextMenu menu = new ContextMenu();
        node.setOnContextMenuRequested(e -> {
            open(menu, node, items, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        node.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (!e.isSecondaryButtonDown()) return;
            open(menu, node, items, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static void open(ContextMenu menu, Node node, Supplier<List<MenuItem>> items, double x, double y) {
        if (menu.isShowing()) return; // the press and the request of one click
        menu.getItems().setAll(items.get());
        if (!menu.getItems().isEmpty()) menu.show(node, x, y);
    }
}
