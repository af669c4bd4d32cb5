package dev.conch.editor.tabs;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.NetworkDocument;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

import java.util.function.Consumer;

/**
 * One tab per open network above the canvas (headers only: the one canvas shows the current tab's network). A tab
 * says its file and a star while it has unsaved changes; picking one makes its document current, and its close
 * button goes through {@code close} (which asks about unsaved changes).
 */
public final class DocumentTabs extends TabPane {
    private final EditorViewModel vm;
    private final Consumer<NetworkDocument> close;
    private boolean filling;
    /** Each document's tab, made once: refilling the bar after another tab opens reuses it. */
    private final java.util.Map<NetworkDocument, Tab> made = new java.util.IdentityHashMap<>();

    public DocumentTabs(EditorViewModel vm, Consumer<NetworkDocument> close) {
        this.vm = vm;
        this.close = close;
        setId("document-tabs");
        setTabClosingPolicy(TabClosingPolicy.ALL_TABS);
        setMinHeight(USE_PREF_SIZE);
        setPrefHeight(30);
        setMaxHeight(USE_PREF_SIZE);
        vm.documents().addListener((ListChangeListener<NetworkDocument>) c -> fill());
        vm.documentProperty().addListener((o, was, now) -> pick());
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!filling && now != null) vm.switchTo((NetworkDocument) now.getUserData());
        });
        fill();
    }

    /** The tab of a document (tests read its label), or null. */
    public Tab tab(NetworkDocument doc) {
        return getTabs().stream().filter(t -> t.getUserData() == doc).findFirst().orElse(null);
    }

    private void fill() {
        filling = true;
        try {
            getTabs().clear();
            for (NetworkDocument doc : vm.documents()) getTabs().add(made.computeIfAbsent(doc, this::tabFor));
            made.keySet().removeIf(d -> !vm.documents().contains(d)); // a closed tab's document is not kept
        } finally {
            filling = false;
        }
        pick();
    }

    private void pick() {
        Tab t = tab(vm.document());
        filling = true;
        try {
            if (t != null) getSelectionModel().select(t);
        } finally {
            filling = false;
        }
    }

    private Tab tabFor(NetworkDocument doc) {
        Tab t = new Tab();
        t.setUserData(doc);
        t.setId("tab-" + (doc.file() == null ? "untitled" : doc.file().getFileName().toString()));
        label(t, doc);
        doc.addListener((change, cause) -> label(t, doc));
        t.setOnCloseRequest(e -> {
            e.consume(); // closed (or not) by the document list, after asking
            close.accept(doc);
        });
        return t;
    }

    private static void label(Tab t, NetworkDocument doc) {
        t.setText((doc.dirty() ? "* " : "") + dev.conch.editor.EditorViewModel.name(doc));
        t.setTooltip(new Tooltip(doc.file() == null ? "not saved yet" : doc.file().toAbsolutePath().toString()));
    }
}
