package dev.conch.editor.subnet;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.EditRefused;
import dev.conch.editor.document.Grouping;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.ReplaceNetwork;
import dev.conch.editor.document.UngroupNode;
import dev.conch.editor.files.FileController;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The editor's sub-network commands: open a sub-network node's file in a tab (double-click, or its menu), Group
 * into sub-network (Ctrl+G: asks a file name beside the network, {@code group-1.xml} first) and Ungroup. The network
 * transforms are {@link Grouping} and {@link UngroupNode}, applied through the view-model as one undo step each; the
 * tabs are the file controller's.
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
        Path f = fileOf(node);
        if (f != null) files.openInTab(f);
    }

    /** The file a sub-network node's type names; null, with the reason said, for another node or a missing file. */
    private Path fileOf(String id) {
        NodeSpec n = id == null ? null : vm.spec().node(id).orElse(null);
        if (n == null || !n.isSubNetwork()) {
            vm.say("Select a sub-network node (its type is net:FILE.xml) to open its network");
            return null;
        }
        Path f = SubNetworks.resolve(n.type(), vm.spec().origin());
        if (f == null) vm.complain("The file of " + id + " (" + n.type() + ") is not found beside the network or in a library");
        return f;
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
            group(folder.resolve(n.endsWith(".xml") ? n : n + ".xml"));
        });
    }

    /**
     * Group into sub-network: the selection is written to {@code file} (a new file, atomically) and replaced by one
     * node wired as the nodes were, one undo step. Undo takes the node out again but leaves the file: it is a
     * network like any saved one, and redo needs it.
     */
    public boolean group(Path file) {
        NetworkDocument doc = vm.document();
        if (doc.file() == null) {
            vm.complain("Refused: save the network first; a group is written to a file beside it");
            return false;
        }
        if (vm.selection().isEmpty()) {
            vm.say("Select the nodes to group first (Shift+click, or drag a band around them)");
            return false;
        }
        if (Files.exists(file)) {
            vm.complain("Refused: " + file + " already exists; choose a new file name for the group");
            return false;
        }
        List<String> ids = List.copyOf(vm.selection());
        Path target = file.toAbsolutePath().normalize();
        Grouping.Result r;
        try {
            String type = NodeSpec.SUBNETWORK + vm.spec().origin().folder().relativize(target).toString().replace('\\', '/');
            r = Grouping.group(vm.spec(), ids, doc.freshId(type), target, vm.registry());
            NetworkXml.write(r.inner(), target);
        } catch (EditRefused e) {
            vm.complain("Refused: " + e.getMessage());
            return false;
        } catch (IOException e) {
            vm.complain("Could not write " + file + ": " + e.getMessage());
            return false;
        }
        String problem = Grouping.newProblem(vm.spec(), r.outer(), vm.registry());
        if (problem != null) {
            try {
                Files.deleteIfExists(target); // written just now, by this group: nothing else is lost
            } catch (IOException e) {
                problem += " (and " + file + " could not be deleted: " + e.getMessage() + ")";
            }
            vm.complain("Refused: grouping these nodes would break the network: " + problem);
            return false;
        }
        String nodes = ids.size() + (ids.size() == 1 ? " node" : " nodes");
        if (!vm.apply(new ReplaceNetwork(r.outer(), "group " + nodes + " into " + file.getFileName()))) return false;
        vm.select(r.node());
        vm.say("Grouped " + nodes + " into " + file + " (node " + r.node() + "; undo keeps the file)");
        return true;
    }

    /** Ctrl+Shift+G: ungroups the inspected node. */
    public void ungroup() {
        ungroup(vm.inspectedProperty().get());
    }

    /** Ungroup: the node's network inlined in its place, one undo step; the inlined nodes are selected. */
    public boolean ungroup(String id) {
        if (id == null) {
            vm.say("Select a sub-network node to ungroup it");
            return false;
        }
        Set<String> before = new HashSet<>(vm.spec().nodes().stream().map(NodeSpec::id).toList());
        before.remove(id);
        if (!vm.apply(new UngroupNode(id))) return false;
        vm.selectMany(vm.spec().nodes().stream().map(NodeSpec::id).filter(n -> !before.contains(n)).toList());
        return true;
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
            items.add(item("menu-ungroup-node", "Ungroup", () -> ungroup(node)));
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
