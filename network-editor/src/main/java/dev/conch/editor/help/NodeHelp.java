package dev.conch.editor.help;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.Origin;
import dev.conch.engine.runtime.DescriptorText;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;

/**
 * F1: a window beside the editor with {@code conch describe}'s text for the selected node (the same
 * {@link DescriptorText}), following the selection while it stays open.
 */
public final class NodeHelp {
    private final Window owner;
    private final ProcessorRegistry registry;
    private final TextArea text = new TextArea();
    private Stage stage;

    public NodeHelp(Window owner, ProcessorRegistry registry) {
        this.owner = owner;
        this.registry = registry;
        text.setId("node-help");
        text.setEditable(false);
        text.setWrapText(false);
        text.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
    }

    /** What {@code conch describe} says of the node's type; a sub-network is described from its file. */
    public static String text(NodeSpec node, ProcessorRegistry registry, Origin origin) {
        if (node == null) return "Select a node: its ports and params are described here (as conch describe TYPE does).";
        if (registry.has(node.type())) return DescriptorText.of(registry.descriptor(node.type()));
        if (node.isSubNetwork()) {
            Path file = SubNetworks.resolve(node.type(), origin);
            if (file != null) {
                try {
                    NetworkSpec sub = NetworkXml.read(file);
                    ProcessorDescriptor d = SubNetworks.describe(node.type(), sub, registry);
                    return DescriptorText.of(d);
                } catch (Exception e) {
                    return node.type() + ": cannot be described (" + e.getMessage() + ")";
                }
            }
        }
        return node.type() + " is not a processor type this Conch knows (conch list shows them)";
    }

    /** Opens the window (or brings it forward) showing {@code node}. */
    public void show(NodeSpec node, Origin origin) {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setScene(new Scene(text, 860, 420));
            stage.getScene().setOnKeyPressed(e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) stage.close();
            });
            // over the inspector's lower part, not the canvas the user is clicking in
            stage.setX(owner.getX() + Math.max(0, owner.getWidth() - 880));
            stage.setY(owner.getY() + Math.max(0, owner.getHeight() - 460));
        }
        follow(node, origin);
        stage.show();
        stage.toFront();
    }

    /** The selection changed: an open window shows the new node (a closed one stays closed). */
    public void follow(NodeSpec node, Origin origin) {
        if (stage == null) return;
        stage.setTitle(node == null ? "Node help" : "Help: " + node.id() + " (" + node.type() + ")");
        text.setText(text(node, registry, origin));
    }

    public boolean showing() {
        return stage != null && stage.isShowing();
    }

    /** The text shown (tests read it). */
    public String shown() {
        return text.getText();
    }

    public void close() {
        if (stage != null) stage.close();
    }
}
