package dev.conch.editor.palette;

import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every registered processor type grouped by category (the registry's descriptors, the same truth as
 * {@code conch list}), after the "Library" of sub-networks ({@link SubNetworks#library}: networks/library and
 * ~/.conch/library). Typing filters by name and description; Enter adds the first match, double-click adds any.
 */
public final class Palette extends VBox {
    private static final String DRAG_PREFIX = "conch-node-type:";
    /** The category the library's sub-networks are shown under, first. */
    public static final String LIBRARY = "Library";
    private final ProcessorRegistry registry;
    /** The library's sub-networks by type, read once when the palette is made. */
    private final Map<String, ProcessorDescriptor> library = new LinkedHashMap<>();
    private final Consumer<String> add;
    private final TextField search = new TextField();
    private final TreeView<String> tree = new TreeView<>();

    public Palette(ProcessorRegistry registry, Consumer<String> add) {
        super(6);
        this.registry = registry;
        this.add = add;
        for (ProcessorDescriptor d : SubNetworks.library(registry)) library.put(d.type(), d);
        setId("palette");
        search.setId("palette-search");
        search.setPromptText("add a node: type its name");
        tree.setId("palette-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new TypeCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        search.textProperty().addListener((o, was, now) -> fill(now));
        search.setOnAction(e -> {
            List<ProcessorDescriptor> found = matches(search.getText());
            if (!found.isEmpty()) add.accept(bestOf(found, search.getText()).type());
        });
        tree.setOnMouseClicked(e -> {
            TreeItem<String> item = tree.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null && item.isLeaf()
                    && descriptor(item.getValue()) != null) {
                add.accept(item.getValue());
            }
        });
        setPrefWidth(190);
        getChildren().addAll(new Label("Palette"), search, tree);
        fill("");
    }

    /** The descriptors whose name or description contains {@code text}, ignoring case: the library's first. */
    public List<ProcessorDescriptor> matches(String text) {
        List<ProcessorDescriptor> all = new ArrayList<>(matching(library.values(), text));
        all.addAll(matches(registry, text));
        return all;
    }

    /** The palette's sections in order, each with its types: the library first, then the registry's categories. */
    public Map<String, List<String>> sections(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (ProcessorDescriptor d : matching(library.values(), text)) {
            sections.computeIfAbsent(LIBRARY, c -> new ArrayList<>()).add(d.type());
        }
        Map<String, List<String>> categories = new TreeMap<>();
        for (ProcessorDescriptor d : matches(registry, text)) {
            categories.computeIfAbsent(d.category(), c -> new ArrayList<>()).add(d.type());
        }
        sections.putAll(categories);
        return sections;
    }

    private ProcessorDescriptor descriptor(String type) {
        return registry.has(type) ? registry.descriptor(type) : library.get(type);
    }

    private static List<ProcessorDescriptor> matching(Collection<ProcessorDescriptor> all, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return all.stream().filter(d -> t.isEmpty() || d.type().toLowerCase(Locale.ROOT).contains(t)
                || d.description().toLowerCase(Locale.ROOT).contains(t)).toList();
    }

    /** The same search for the quick-add box. */
    public static List<ProcessorDescriptor> matches(ProcessorRegistry registry, String text) {
        return matching(registry.descriptors(), text);
    }

    /** An exact or prefix match on the name wins over a hit in some description. */
    public static ProcessorDescriptor bestOf(List<ProcessorDescriptor> found, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ProcessorDescriptor d : found) if (d.type().toLowerCase(Locale.ROOT).equals(t)) return d;
        for (ProcessorDescriptor d : found) if (d.type().toLowerCase(Locale.ROOT).startsWith(t)) return d;
        return found.get(0);
    }

    /** What a palette drag carries: the type behind a prefix, so text dragged from elsewhere is not a node. */
    public static String dragText(String type) {
        return DRAG_PREFIX + type;
    }

    /** The type a drag carries, or null when it is not a palette drag. */
    public static String typeOfDrag(String text) {
        return text != null && text.startsWith(DRAG_PREFIX) ? text.substring(DRAG_PREFIX.length()) : null;
    }

    private void fill(String text) {
        TreeItem<String> root = new TreeItem<>("all");
        sections(text).forEach((section, types) -> {
            TreeItem<String> g = new TreeItem<>(section);
            g.setExpanded(true);
            for (String type : types) g.getChildren().add(new TreeItem<>(type));
            root.getChildren().add(g);
        });
        tree.setRoot(root);
    }

    /** A leaf shows the type's one-line description as its tooltip; categories are bold. */
    private final class TypeCell extends TreeCell<String> {
        TypeCell() {
            // drag a type onto the canvas: it is added where it is dropped
            setOnDragDetected(e -> {
                String item = getItem();
                if (item == null || descriptor(item) == null) return;
                Dragboard db = startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putString(dragText(item));
                db.setContent(content);
                e.consume();
            });
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            ProcessorDescriptor d = empty || item == null ? null : descriptor(item);
            setTooltip(d == null ? null : new Tooltip(d.description()));
            setStyle(d == null && !empty ? "-fx-font-weight: bold;" : "");
        }
    }
}
