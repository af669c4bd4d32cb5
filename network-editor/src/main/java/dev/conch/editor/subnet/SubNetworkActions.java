package dev.conch.editor.subnet;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.Grouping;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.files.FileController;
import dev.conch.engine.model.NodeSpec;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The editor's sub-network commands: open a sub-network node's file in a tab (double-click, or its menu), Group
 * into sub-network (Ctrl+G: asks a file name beside the network, {@code group-1.xml} first) and Ungroup. The work is
 * the view-model's and the file controller's; this class asks and routes.
 */
public final class SubNetworkActions {
    private final EditorViewModel vm;
    private final FileController files;
    /** Asks the group's file name, relative to the network's folder, given a default; empty when cancelled. */
    private BiFunction<Path, String, Optional<String>> askName;

    public SubNetworkActions(EditorViewModel vm, FileController files, Window owner) {
        this.vm = vm;
        this.files = files;
        this.askName = (folder, suggested) -> {
            TextInputDialog d = new TextInputDialog(suggested);
            d.initOwner(owner);
            d.setTitle("Group into sub-network");
            d.setHeaderText("The selected nodes go into a new network file in " + folder
                    + ", and one node takes their place");
            d.setContentText("File name:");
            d.getEditor().setId("group-file-name");
            return d.showAndWait();
        };
    }

    /** Tests answer the file-name question without a dialog. */
    public void askNameWith(BiFunction<Path, String, Optional<String>> asker) {
        this.askName = asker;
    }

    /** A sub-network node's file in a tab of its own (its tab shown if it is open already). */
    public void open(String node) {
        Path f = vm.subNetworkFile(node);
        if (f != null) files.openInTab(f);
    }

    /** Edit → Open sub-network: the inspected node's. */
    public void openSelected() {
        open(vm.inspectedProperty().get());
    }

    /** Ctrl+G: asks the file's name, then groups the selection into it. */
    public void group() {
        Path file = vm.document().file();
        if (file == null) {
            vm.complain("Refused: save the network first; a group is written to a file beside it");
            return;
        }
        if (vm.selection().isEmpty()) {
            vm.say("Select the nodes to group first (Shift+click, or drag a band around them), then Ctrl+G");
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        askName.apply(folder, Grouping.freeFile(folder).getFileName().toString()).ifPresent(name -> {
            String n = name.trim();
            if (n.isEmpty()) return;
            vm.groupSelected(folder.resolve(n.endsWith(".xml") ? n : n + ".xml"));
        });
    }

    public void ungroup() {
        vm.ungroupSelected();
    }

    /** A tab's close button: that tab is shown, and closed as File → Close closes (asking about unsaved changes). */
    public void closeTab(NetworkDocument doc) {
        vm.switchTo(doc);
        if (vm.document() == doc) files.closeNetwork();
    }

    /** A node's context menu: open and ungroup a sub-network node; group the selection. */
    public List<MenuItem> menu(String node) {
        List<MenuItem> items = new ArrayList<>();
        NodeSpec n = vm.spec().node(node).orElse(null);
        if (n == null) return items;
        if (n.isSubNetwork()) {
            items.add(item("menu-open-subnetwork", "Open sub-network in a tab", () -> open(node)));
            items.add(item("menu-ungroup-node", "Ungroup", () -> vm.ungroup(node)));
            items.add(new SeparatorMenuItem());
        }
        items.add(item("menu-group-node", "Group into sub-network...", this::group));
        return items;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }
}
