package dev.conch.editor.files;

import dev.conch.engine.graph.FilePaths;
import dev.conch.clam.ClamFormatException;
import dev.conch.clam.ClamImport;
import dev.conch.clam.ClamImporter;
import dev.conch.clam.ImportReport;
import dev.conch.editor.EditorViewModel;
import dev.conch.editor.autosave.Autosave;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Recovery;
import dev.conch.editor.document.ReplaceNetwork;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * New, Open, Save, Save As, the recent files, the autosave and the offer to recover it. The questions (which
 * file, recover or not) go to {@link Dialogs}: file choosers and an alert in the window, answers given at once in
 * the unit tests. Every outcome is a sentence in the view-model's status line.
 */
public final class FileController {

    /** What to do with unsaved changes before they would be dropped. */
    public enum Unsaved { SAVE, DISCARD, CANCEL }

    /** The questions a file command asks the person. */
    public interface Dialogs {
        /** The network {@code name} has unsaved changes: save them, drop them, or stay? Answered before returning. */
        Unsaved unsaved(String name);

        /** A network to open, starting in {@code folder} (null: anywhere); empty when cancelled. */
        Optional<Path> chooseToOpen(Path folder);

        /** Where to save, starting in {@code folder} with the name {@code suggested} (null: none); empty when cancelled. */
        Optional<Path> chooseToSave(Path folder, String suggested);

        /**
         * The name chosen to save as had no extension and gained {@code .xml}, and that file exists (the chooser asked
         * about the name typed, not this one): write over it?
         */
        boolean replace(Path file);

        /** Shows what an import became ({@code report}, a line each), never blocking the caller. */
        void showImportReport(String header, String report);

        /**
         * An import that left parts out: shows the report and asks whether to open the rest, after the caller
         * returns; {@code answer} gets true for Import the rest, false for Cancel.
         */
        void askImportRest(String header, String report, Consumer<Boolean> answer);

        /**
         * Offers to recover an autosave, after the caller returns (never blocking it); {@code answer} gets true for
         * Recover, false for Discard. Not asked at all when {@code stillAsked} is false by then.
         */
        void offerRecovery(String header, String text, BooleanSupplier stillAsked, Consumer<Boolean> answer);
    }

    private final EditorViewModel vm;
    private final Autosave autosave;
    private final RecentFiles recent;
    private final Dialogs dialogs;
    private final ObservableList<Path> recentList = FXCollections.observableArrayList();
    /** Told of each CLAM network opened (the window opens its monitors). */
    private final List<Consumer<ClamImport>> importListeners = new java.util.ArrayList<>();
    /** Where Save As writes: the dialog's file chooser unless a test answers instead. */
    private java.util.function.BiFunction<Path, String, Optional<Path>> saveChooser;
    /** The documents already watched once (their recovery offered): switching back to a tab offers nothing again. */
    private final java.util.Set<NetworkDocument> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public FileController(EditorViewModel vm, Autosave autosave, RecentFiles recent, Dialogs dialogs) {
        this.vm = vm;
        this.autosave = autosave;
        this.recent = recent;
        this.dialogs = dialogs;
        this.saveChooser = dialogs::chooseToSave;
        vm.documentProperty().addListener((o, was, now) -> {
            autosave.tick(); // the tab left keeps its latest state; autosave follows the current tab
            if (seen.add(now)) watch(now);
            else autosave.watch(now); // a tab shown again: its recovery was offered when it opened
        });
        vm.editedProperty().addListener((o, was, e) -> {
            if (e != null && e.change() == NetworkDocument.Change.SAVED) autosave.saved();
        });
        seen.add(vm.document());
        watch(vm.document());
    }

    /** The network files opened lately, newest first (File → Open Recent shows them). */
    public ObservableList<Path> recent() {
        return recentList;
    }

    public Autosave autosave() {
        return autosave;
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    /** A new empty network, untitled until it is saved. */
    public void newNetwork() {
        if (!mayLeave()) return;
        vm.load(new NetworkDocument(emptyNetwork(null), null, vm.registry()));
        vm.say("New network: add nodes from the palette, then save it");
    }

    /**
     * File → Close: the current tab is closed (asking about unsaved changes); the last one is left for an empty
     * untitled network.
     */
    public void closeNetwork() {
        NetworkDocument was = vm.document();
        if (!mayLeave()) return;
        if (vm.documents().size() > 1) {
            vm.closeTab(was);
            vm.say("Closed " + (was.file() == null ? "the untitled network" : was.file().getFileName()));
            return;
        }
        vm.load(new NetworkDocument(emptyNetwork(null), null, vm.registry()));
        vm.say("Closed " + (was.file() == null ? "the untitled network" : was.file().getFileName()));
    }

    public void open() {
        if (!mayLeave()) return;
        dialogs.chooseToOpen(folder()).ifPresent(this::openAsked);
    }

    /**
     * Opens another network (the current one stops playing); false, with the reason said, if it cannot or the
     * person chose to stay with unsaved changes.
     */
    public boolean open(Path file) {
        return mayLeave() && openAsked(file);
    }

    /**
     * Before the network is left (New, Open, Close, Quit): true when it has no unsaved changes, or the person saved or
     * dropped them; false when they cancelled (or a save did not happen), and nothing may change.
     */
    public boolean mayLeave() {
        NetworkDocument doc = vm.document();
        if (!doc.dirty()) return true;
        Path named = doc.file() != null ? doc.file() : doc.importedFrom();
        switch (dialogs.unsaved(named == null ? "untitled" : named.getFileName().toString())) {
            case SAVE -> {
                save();
                return !vm.document().dirty();
            }
            case DISCARD -> {
                autosave.discard(autosave.recovery()); // dropped on purpose: not offered again next time
                return true;
            }
            default -> {
                vm.say("Kept the network open with its unsaved changes");
                return false;
            }
        }
    }

    /**
     * Before the window closes (Quit): every tab with unsaved changes is shown in turn and asked about; false when
     * one of them was kept (cancelled), and the window stays.
     */
    public boolean mayQuit() {
        for (NetworkDocument doc : List.copyOf(vm.documents())) {
            if (!doc.dirty()) continue;
            vm.switchTo(doc);
            if (!mayLeave()) return false;
        }
        return true;
    }

    /**
     * A network in a tab of its own (a sub-network opened from its node), or its tab shown if one has it open
     * already; false, with the reason said, when it cannot be read.
     */
    public boolean openInTab(Path file) {
        Path wanted = FilePaths.real(file);
        for (NetworkDocument doc : vm.documents()) {
            if (doc.file() != null && FilePaths.real(doc.file()).equals(wanted)) {
                vm.switchTo(doc);
                vm.say("Showing " + file.getFileName() + ", open in its tab");
                return true;
            }
        }
        try {
            NetworkDocument doc = NetworkDocument.open(file, vm.registry());
            vm.openTab(doc);
            vm.say(opened("Opened " + file + " in a tab: saving it updates every network that uses it", doc));
            return true;
        } catch (NetworkException e) {
            vm.complain("Could not open " + file + ": " + EditorViewModel.firstProblem(e));
        } catch (IOException e) {
            vm.complain("Could not open " + file + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * {@code said} ("Opened ..."), followed, for a file older than format version 4 whose paths opening rewrote
     * ({@link NetworkDocument#upgradedPaths}), by what changed and why, since nothing else would show it: the paths
     * name the same files as before, and Save writes them so.
     */
    public static String opened(String said, NetworkDocument doc) {
        List<String> lines = doc.upgradedPaths();
        if (lines.isEmpty()) return said;
        int shown = Math.min(3, lines.size());
        return said + ". It is in format version " + doc.upgradedFrom() + ", which took relative paths from the folder "
                + "Conch was started in; " + (lines.size() == 1
                        ? "this path now starts from the network's own folder and names the same file ("
                        : lines.size() + " paths now start from the network's own folder and name the same files (")
                + String.join("; ", lines.subList(0, shown)) + (lines.size() > shown ? "; ..." : "") + "). Save writes "
                + "them so, in version " + dev.conch.engine.model.NetworkSpec.FORMAT_VERSION;
    }

    private boolean openAsked(Path file) {
        if (ClamImporter.isClamFile(file)) return openClam(file, false);
        try {
            NetworkDocument next = NetworkDocument.open(file, vm.registry());
            vm.load(next);
            vm.say(opened("Opened " + file, next));
            return true;
        } catch (NetworkException e) {
            vm.complain("Could not open " + file + ": " + EditorViewModel.firstProblem(e));
        } catch (IOException e) {
            vm.complain("Could not open " + file + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * A CLAM network, imported ({@link ClamImporter}) into a new unsaved document whose Save asks for a Conch file:
     * the .clamnetwork is never written. An import that left parts out opens only if the person agrees (or
     * {@code restAgreed}, as {@code conch edit --partial}); refused, the reason is said and nothing changes.
     * @return whether it opened now (false also while the question is asked)
     */
    public boolean openClam(Path file, boolean restAgreed) {
        ClamImport imp;
        try {
            imp = ClamImporter.read(file, file.toString(), vm.registry());
        } catch (ClamFormatException e) {
            vm.complain("Could not open " + e.sentence(file.toString()));
            return false;
        } catch (IOException e) {
            vm.complain("Could not open " + file + ": " + e.getMessage());
            return false;
        }
        return openImported(file, imp, restAgreed);
    }

    /** {@link #openClam} for a network imported already (by {@code conch edit}, which read it to report its errors). */
    public boolean openImported(Path file, ClamImport imp, boolean restAgreed) {
        String name = file.getFileName().toString();
        if (imp.report().complete() || restAgreed) {
            showImported(file, imp);
            dialogs.showImportReport("Imported " + name + " from CLAM: Save writes a Conch network (.xml) beside it, "
                    + "never the .clamnetwork", String.join("\n", reportLines(imp, false)));
            return true;
        }
        NetworkDocument asked = vm.document();
        dialogs.askImportRest(name + " has " + count(imp.report().refused().size(), "part") + " Conch cannot take: "
                + "import the rest without " + (imp.report().refused().size() == 1 ? "it" : "them") + "?",
                String.join("\n", reportLines(imp, true)), rest -> {
            if (vm.document() != asked) return; // another network was opened meanwhile
            if (rest) showImported(file, imp);
            else vm.complain(refusal(name, imp.report()));
        });
        return false;
    }

    /** Each CLAM network opened, after its document is shown. */
    public void onImport(Consumer<ClamImport> listener) {
        importListeners.add(listener);
    }

    /**
     * The import report as {@code conch import} prints it, then the monitors the editor opens instead; with
     * {@code refusedFirst} (the question whether to import the rest) what is refused comes first.
     */
    private static List<String> reportLines(ClamImport imp, boolean refusedFirst) {
        List<String> lines = new java.util.ArrayList<>();
        if (refusedFirst) for (String r : imp.report().refused()) lines.add("refused: " + r);
        lines.addAll(imp.report().lines(!refusedFirst));
        for (ClamImport.Monitor m : imp.monitors()) lines.add("  monitor: " + m);
        return lines;
    }

    private void showImported(Path file, ClamImport imp) {
        vm.load(NetworkDocument.imported(imp.spec(), file, vm.registry()));
        for (Consumer<ClamImport> l : importListeners) l.accept(imp);
        ImportReport r = imp.report();
        vm.say("Imported " + file.getFileName() + " from CLAM (" + count(r.mapped().size(), "processing") + " converted, "
                + r.dropped().size() + " visual-only dropped" + (r.complete() ? "" : ", " + r.refused().size() + " left out")
                + (imp.monitors().isEmpty() ? "" : ", " + count(imp.monitors().size(), "monitor") + " open where its views were")
                + "): Save writes it as a Conch network (.xml)");
    }

    /**
     * The refusal in one sentence: what to do first (the status line may cut the end), then the first part left out
     * (file, line, node, why).
     */
    private static String refusal(String name, ImportReport r) {
        int n = r.refused().size();
        return "Did not open " + name + ": " + (n == 1 ? "a part" : n + " parts") + " Conch cannot take (open it again and "
                + "choose Import the rest to leave " + (n == 1 ? "it" : "them") + " out), " + (n == 1 ? "" : "the first ")
                + r.refused().get(0);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /**
     * Files dropped on the window: the first network (.xml) among them is opened.
     * @return whether a network was opened
     */
    public boolean dropped(List<File> files) {
        var network = NetworkDrop.network(files);
        if (network.isEmpty()) {
            vm.say("Only network files (.xml, or CLAM .clamnetwork) can be dropped here");
            return false;
        }
        return open(network.get().toPath());
    }

    /** Saves to the network's file; an untitled network asks where, as Save As does. */
    public void save() {
        NetworkDocument doc = vm.document();
        if (doc.file() == null) {
            saveAs();
            return;
        }
        try {
            doc.save();
            vm.say("Saved " + doc.file());
        } catch (IOException | IllegalArgumentException e) {
            vm.complain("Could not save " + doc.file() + ": " + e.getMessage());
        }
    }

    public void saveAs() {
        Path from = vm.document().importedFrom();
        String suggested = vm.document().file() == null && from != null
                ? from.getFileName().toString().replaceFirst("(?i)\\.clamnetwork$", "") + ".xml" : null;
        saveChooser.apply(folder(), suggested).flatMap(this::withExtension).ifPresent(this::saveAs);
    }

    /**
     * A name typed without an extension ({@code drone}) is saved as {@code drone.xml}: a file chooser does not add it,
     * and without it the network is not listed by Open's filter nor found as a {@code net:} sub-network's
     * {@code .xml}. A name with an extension of its own is kept. Empty when that file exists and is not to be replaced.
     */
    private Optional<Path> withExtension(Path chosen) {
        String name = chosen.getFileName().toString();
        if (name.lastIndexOf('.') > 0) return Optional.of(chosen);
        Path named = chosen.resolveSibling(name + ".xml");
        return !Files.exists(named) || dialogs.replace(named) ? Optional.of(named) : Optional.empty();
    }

    /** Answers Save As's question instead of the file chooser (tests): folder and suggested name in, the file out. */
    public void chooseSavesWith(java.util.function.BiFunction<Path, String, Optional<Path>> chooser) {
        this.saveChooser = chooser;
    }

    public boolean saveAs(Path target) {
        try {
            List<String> rewritten = vm.document().saveAs(target);
            remember(target);
            vm.say("Saved " + target + (rewritten.isEmpty() ? "" : ", with " + count(rewritten.size(), "relative path")
                    + " rewritten to name the same files from its folder (" + String.join("; ", rewritten) + ")"));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            vm.complain("Could not save " + target + ": " + e.getMessage());
            return false;
        }
    }

    /** Rereads the recent list (another editor window may have opened something since). */
    public void refreshRecent() {
        recentList.setAll(recent.list());
    }

    /** The window closed: the last autosave is written (or a clean document's copy deleted). */
    public void close() {
        autosave.close();
    }

    /** A new network named after the file it will be saved to ("untitled" without one). */
    public static NetworkSpec emptyNetwork(Path file) {
        String name = file == null ? "untitled" : file.getFileName().toString().replaceFirst("\\.xml$", "");
        return new NetworkSpec(name, NetworkSpec.FORMAT_VERSION, 48000, 0, "", List.of(), List.of(), List.of());
    }

    private void watch(NetworkDocument doc) {
        remember(doc.file() != null ? doc.file() : doc.importedFrom()); // Open Recent imports a CLAM file again
        autosave.watch(doc);
        offerRecovery(doc);
    }

    /**
     * A recovery copy newer than the file (the editor crashed, or was closed without saving) is offered, not
     * forced: Recover makes it the current network as one undoable step (undo shows the file again); Discard
     * deletes it.
     */
    private void offerRecovery(NetworkDocument asked) {
        Recovery recovery = autosave.recovery();
        var copy = recovery.newer().filter(spec -> !spec.equals(asked.spec()));
        if (copy.isEmpty()) return;
        Path named = asked.file() != null ? asked.file() : asked.importedFrom();
        String header = "An autosave of " + (named == null ? "the untitled network" : named.getFileName())
                + " is newer than the file";
        String text = "The editor kept a copy of changes that were never saved (" + recovery.path()
                + "). Recover them (you can still undo back to the file), or discard the copy?";
        dialogs.offerRecovery(header, text, () -> vm.document() == asked, recover -> {
            if (vm.document() != asked) return;
            if (recover) {
                if (vm.apply(new ReplaceNetwork(copy.get(), "recover the autosave"))) {
                    vm.say("Recovered the autosaved changes: save to keep them");
                }
            } else {
                autosave.discard(recovery);
                vm.say("Discarded the autosave");
            }
        });
    }

    private void remember(Path file) {
        if (file == null) return;
        try {
            recent.add(file);
        } catch (IOException e) {
            vm.complain("Could not update the recent files list " + recent.store() + ": " + e.getMessage());
        }
        refreshRecent();
    }

    /** Where the file choosers start: the current network's folder (an import's: the folder of its CLAM file). */
    private Path folder() {
        Path f = vm.document().file() != null ? vm.document().file() : vm.document().importedFrom();
        return f == null ? null : f.toAbsolutePath().getParent();
    }
}
