package dev.conch.editor.canvas;

import dev.conch.editor.document.NodeFacts;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.PortSpec;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/** A node box: id and type on top, inputs on the left edge, outputs on the right, placed at the file's x, y. */
public final class NodeView extends BorderPane {
    private static final String STYLE = "-fx-background-color: #f7f7f2; -fx-background-radius: 6; -fx-border-radius: 6;"
            + " -fx-border-width: 1.5; -fx-border-color: ";
    private final String nodeId;
    /** The id (bold) over the type: the box's handle for selecting and dragging. */
    private final VBox title;
    private final List<PortView> ports = new ArrayList<>();
    private static final double BAR = 60;
    private final Rectangle loadTrack = new Rectangle(BAR, 4);
    private final Rectangle loadBar = new Rectangle(0, 4);
    private final Label loadText = new Label();
    /** While a control wire is dragged: the params it may modulate, listed under the box (outside its layout). */
    private final VBox paramTargets = new VBox(2);

    NodeView(NodeSpec node, NodeFacts facts) {
        this.nodeId = node.id();
        setId("node-" + node.id());
        // id and type on two lines, not "id · type" on one: a box as wide as both ran into the next column's box
        Label id = new Label(node.id());
        id.setStyle("-fx-font-weight: bold;");
        // a clone's box stands for all its copies: say how many, as Pd's [clone 8 voice] does
        Label type = new Label(node.count() > 1 ? node.type() + "  \u00d7" + node.count() : node.type());
        type.setId("type-" + node.id());
        type.setStyle("-fx-font-size: 10px; -fx-text-fill: #555;");
        title = new VBox(0, id, type);
        title.setId("title-" + node.id());
        title.setMaxWidth(Double.MAX_VALUE);
        title.setPadding(new Insets(3, 8, 3, 8));
        setTop(title);
        VBox ins = new VBox(4);
        for (PortSpec p : facts.inputs()) ins.getChildren().add(row(new PortView(node.id(), p, false), p, false));
        VBox outs = new VBox(4);
        outs.setAlignment(Pos.TOP_RIGHT);
        for (PortSpec p : facts.outputs()) outs.getChildren().add(row(new PortView(node.id(), p, true), p, true));
        loadBar.setHeight(4);
        loadBar.setFill(Color.web("#4a9d5b"));
        loadText.setId("load-" + node.id());
        loadText.setMinWidth(48); // a changing percentage must not resize the box (and move its wires)
        loadText.setStyle("-fx-font-size: 10px; -fx-text-fill: #555;");
        HBox load = new HBox(4, new StackPane(loadTrack, loadBar), loadText);
        StackPane.setAlignment(loadBar, Pos.CENTER_LEFT);
        loadTrack.setFill(Color.web("#dcdcd4"));
        loadTrack.setHeight(4);
        load.setAlignment(Pos.CENTER_LEFT);
        load.setPadding(new Insets(2, 8, 0, 8));
        load.visibleProperty().bind(loadText.textProperty().isNotEmpty());
        load.managedProperty().bind(load.visibleProperty());
        setBottom(load);
        setLeft(ins);
        setRight(outs);
        setPadding(new Insets(0, 0, 6, 0));
        setMinWidth(130);
        BorderPane.setMargin(ins, new Insets(0, 12, 0, -6));
        BorderPane.setMargin(outs, new Insets(0, -6, 0, 12));
        for (ParamSpec p : facts.params()) {
            if (!p.live()) continue;
            Label target = new Label("◉ " + p.name());
            target.setId("target-" + node.id() + "-" + p.name());
            target.setUserData(p.name());
            target.setStyle("-fx-font-size: 11px; -fx-padding: 1 6 1 6; -fx-background-color: #e6f4e9;"
                    + " -fx-border-color: #3aa357; -fx-border-radius: 3; -fx-background-radius: 3;");
            paramTargets.getChildren().add(target);
        }
        paramTargets.setManaged(false);
        paramTargets.setVisible(false);
        getChildren().add(paramTargets);
        select(false);
        relocate(node.x(), node.y());
    }

    private HBox row(PortView port, PortSpec p, boolean output) {
        ports.add(port);
        Label name = new Label(p.name());
        name.setStyle("-fx-font-size: 11px;");
        HBox row = output ? new HBox(4, name, port) : new HBox(4, port, name);
        row.setAlignment(output ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    public String nodeId() {
        return nodeId;
    }

    VBox title() {
        return title;
    }

    List<PortView> ports() {
        return ports;
    }

    /** Shows (or hides) the params a control wire may be dropped on, under the box. */
    void showParamTargets(boolean on) {
        if (on && paramTargets.getChildren().isEmpty()) return;
        paramTargets.setVisible(on);
        if (!on) return;
        paramTargets.autosize();
        paramTargets.relocate(8, getHeight() + 2);
        toFront(); // over the boxes below it
    }

    /** The param targets: labels whose user data is the param's name. */
    List<Label> paramTargets() {
        return paramTargets.getChildren().stream().map(Label.class::cast).toList();
    }

    /** The node's share of the callback deadline (a bar and a percentage), or hidden when negative. */
    public void showLoad(double fraction) {
        if (fraction < 0) {
            loadText.setText("");
            return;
        }
        loadBar.setWidth(BAR * Math.min(1, fraction * 10)); // the bar is full at 10 %: most nodes use far less
        loadBar.setFill(fraction > 0.25 ? Color.web("#d0503a") : fraction > 0.05 ? Color.web("#d09a2a") : Color.web("#4a9d5b"));
        loadText.setText(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * fraction));
    }

    /** The percentage shown, "" when none. */
    public String loadText() {
        return loadText.getText();
    }

    void select(boolean on) {
        setStyle(STYLE + (on ? "#e0a100;" : "#888;"));
    }
}
