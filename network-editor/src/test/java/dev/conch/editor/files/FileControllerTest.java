package dev.conch.editor.files;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.autosave.Autosave;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.Recovery;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * New, Open, Save, Save As and the autosave recovery without a window: the questions are answered by a stand-in
 * for the dialogs, and every outcome is read back from disk (the saved file, the autosave copy, the recent list).
 * The autosave's timer needs the JavaFX toolkit (started without a window), and its calls the FX thread.
 */
class FileControllerTest {
    static final Path GLASS = Path.of(System.getProperty("conch.networks", "../networks"), "glass-drone.xml");
    static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();

    @TempDir
    Path dir;
    final Answers dialogs = new Answers();
    EditorViewModel vm;
    FileController files;

    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test class started it: one toolkit per JVM
        }
    }

    @AfterEach
    void close() throws Exception {
        if (files != null) fx(() -> {
            files.close();
            return null;
        });
    }

    private void start(NetworkDocument doc) throws Exception {
        vm = new EditorViewModel(doc);
        files = fx(() -> new FileController(vm, new Autosave(m -> { }), new RecentFiles(dir.resolve("recent")), dialogs));
    }

    private Path glassCopy() throws Exception {
        Path file = dir.resolve("glass-drone.xml");
        Files.copy(GLASS, file);
        Files.deleteIfExists(Recovery.forFile(file, Recovery.defaultDir()).path());
        return file;
    }

    @Test
    void anUntitledNetworkIsSavedWhereTheDialogSaysAndRemembered() throws Exception {
        start(new NetworkDocument(FileController.emptyNetwork(null), null, REGISTRY));
        assertEquals("untitled - Conch editor", vm.titleProperty().get());
        vm.addNode("Oscillator");
        Path target = dir.resolve("first.xml");
        dialogs.saveTo = Optional.of(target);

        fx(() -> {
            files.save();
            return null;
        });
        assertEquals(1, dialogs.saveAsked, "no file yet: Save asks where, as Save As does");
        assertEquals(vm.spec(), NetworkXml.read(target), "the file holds the network");
        assertEquals("Saved " + target, vm.status());
        assertEquals("first.xml - Conch editor", vm.titleProperty().get());
        assertEquals(target.toAbsolutePath().normalize(), files.recent().get(0));
        assertEquals(List.of(target.toAbsolutePath().normalize()), new RecentFiles(dir.resolve("recent")).list(),
                "the recent list on disk");

        // from now on Save writes there without asking
        vm.addNode("Gain");
        fx(() -> {
            files.save();
            return null;
        });
        assertEquals(1, dialogs.saveAsked);
        assertEquals(vm.spec(), NetworkXml.read(target));
    }

    @Test
    void aNameTypedWithoutExtensionIsSavedAsXmlAndAnXmlFileThereIsReplacedOnlyWhenConfirmed() throws Exception {
        start(new NetworkDocument(FileController.emptyNetwork(null), null, REGISTRY));
        vm.addNode("Oscillator");
        dialogs.saveTo = Optional.of(dir.resolve("drone")); // as typed into the chooser's name field
        fx(() -> {
            files.saveAs();
            return null;
        });
        Path xml = dir.resolve("drone.xml");
        assertEquals(xml, vm.document().file(), vm.status());
        assertEquals(vm.spec(), NetworkXml.read(xml));
        assertFalse(Files.exists(dir.resolve("drone")), "no file without the extension Open lists");
        assertEquals(List.of(), dialogs.replaceAsked, "drone.xml was new: nothing to ask");

        // another network named the same: drone.xml exists, and the chooser only asked about 'drone'
        vm.addNode("Gain");
        String before = Files.readString(xml);
        dialogs.replaceWith = false;
        fx(() -> {
            files.saveAs();
            return null;
        });
        assertEquals(List.of(xml), dialogs.replaceAsked);
        assertEquals(before, Files.readString(xml), "not replaced without a yes");
        assertTrue(vm.dirtyProperty().get());
        dialogs.replaceWith = true;
        fx(() -> {
            files.saveAs();
            return null;
        });
        assertEquals(vm.spec(), NetworkXml.read(xml), "replaced when confirmed");

        // a name with an extension of its own is kept as typed
        dialogs.saveTo = Optional.of(dir.resolve("drone.v2.xml"));
        fx(() -> {
            files.saveAs();
            return null;
        });
        assertEquals(dir.resolve("drone.v2.xml"), vm.document().file());
        assertEquals(2, dialogs.replaceAsked.size());
    }

    @Test
    void aCancelledSaveAsWritesNothing() throws Exception {
        start(new NetworkDocument(FileController.emptyNetwork(null), null, REGISTRY));
        vm.addNode("Oscillator");
        dialogs.saveTo = Optional.empty();
        fx(() -> {
            files.saveAs();
            return null;
        });
        assertEquals(1, dialogs.saveAsked);
        assertTrue(vm.dirtyProperty().get());
        assertNull(vm.document().file());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(), listing.filter(p -> p.toString().endsWith(".xml")).toList());
        }
    }

    @Test
    void newReplacesTheNetworkWithAnEmptyUntitledOne() throws Exception {
        start(NetworkDocument.open(glassCopy(), REGISTRY));
        vm.selectAll();
        fx(() -> {
            files.newNetwork();
            return null;
        });
        assertEquals(List.of(), vm.spec().nodes());
        assertEquals("untitled", vm.spec().name());
        assertNull(vm.document().file());
        assertFalse(vm.document().canUndo(), "a new document has no history");
        assertEquals("untitled - Conch editor", vm.titleProperty().get());
        assertEquals(List.of(), List.copyOf(vm.selection()));
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWithItsSentenceAndNothingChanges() throws Exception {
        Path glass = glassCopy();
        start(NetworkDocument.open(glass, REGISTRY));
        NetworkDocument before = vm.document();
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<network name=\"x\" version=\"2\"><node id=\"a\""); // cut off mid-tag
        dialogs.openThis = Optional.of(broken);
        fx(() -> {
            files.open();
            return null;
        });
        assertSame(before, vm.document());
        assertTrue(vm.status().startsWith("Could not open " + broken + ": "), vm.status());

        Path noise = Path.of(System.getProperty("conch.networks", "../networks"), "noise-echoes.xml");
        assertTrue(fx(() -> files.open(noise)));
        assertEquals(NetworkXml.read(noise).name(), vm.spec().name());
        assertEquals("Opened " + noise, vm.status());
    }

    /**
     * A version-3 file took relative paths from the folder Conch was started in (here the module's folder, where
     * pom.xml is); opening rewrites such a path to name the same file from the network's own folder, and says so,
     * since the canvas shows nothing of it and Save would write it. A path already found from its own folder is left.
     */
    @Test
    void openingAnOlderFileSaysWhichPathsItRewroteAndWhy() throws Exception {
        Path glass = glassCopy();
        start(NetworkDocument.open(glass, REGISTRY));
        Files.writeString(dir.resolve("beside.wav"), "found from the network's folder: not rewritten");
        Path old = Files.writeString(dir.resolve("old.xml"), """
                <network name="old" version="3" sampleRate="48000">
                  <node id="r" type="AudioFileReader"><param name="file">pom.xml</param></node>
                  <node id="s" type="AudioFileReader"><param name="file">beside.wav</param></node>
                </network>
                """);
        assertTrue(fx(() -> files.open(old)));
        String rewritten = vm.spec().node("r").orElseThrow().params().get("file").text();
        assertEquals(Path.of("pom.xml").toAbsolutePath().normalize(), dir.resolve(rewritten).normalize());
        assertEquals("beside.wav", vm.spec().node("s").orElseThrow().params().get("file").text());
        assertEquals("Opened " + old + ". It is in format version 3, which took relative paths from the folder Conch "
                + "was started in; this path now starts from the network's own folder and names the same file "
                + "(node 'r', file: pom.xml -> " + rewritten + "). Save writes them so, in version "
                + NetworkSpec.FORMAT_VERSION, vm.status());

        // a current file opens with the plain sentence
        assertTrue(fx(() -> files.open(glass)));
        assertEquals("Opened " + glass, vm.status());
    }

    @Test
    void aNewerAutosaveIsOfferedAndRecoveredAsOneUndoStep() throws Exception {
        Path file = glassCopy();
        NetworkSpec onDisk = NetworkXml.read(file);
        NetworkSpec unsaved = onDisk.withParam("filter", "q", "7");
        Recovery recovery = Recovery.forFile(file, Recovery.defaultDir());
        recovery.write(unsaved);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        dialogs.recover = true;

        start(NetworkDocument.open(file, REGISTRY));
        assertEquals(1, dialogs.recoveryHeaders.size());
        assertEquals("An autosave of glass-drone.xml is newer than the file", dialogs.recoveryHeaders.get(0));
        assertEquals(unsaved, vm.spec());
        assertTrue(vm.dirtyProperty().get(), "recovered changes are unsaved changes");
        assertEquals("Recovered the autosaved changes: save to keep them", vm.status());
        vm.undo();
        assertEquals(onDisk, vm.spec(), "undo shows the file's version");
    }

    @Test
    void aDeclinedAutosaveIsDeleted() throws Exception {
        Path file = glassCopy();
        Recovery recovery = Recovery.forFile(file, Recovery.defaultDir());
        recovery.write(NetworkXml.read(file).withParam("filter", "q", "7"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        dialogs.recover = false;

        start(NetworkDocument.open(file, REGISTRY));
        assertEquals(NetworkXml.read(file), vm.spec(), "the file's network, not the copy's");
        assertEquals("Discarded the autosave", vm.status());
        waitFor(() -> !Files.exists(recovery.path()), "the declined copy is deleted");
    }

    @Test
    void editsAreAutosavedAndASaveDeletesTheCopy() throws Exception {
        Path file = glassCopy();
        Path copy = Recovery.forFile(file, Recovery.defaultDir()).path();
        start(NetworkDocument.open(file, REGISTRY));
        vm.addNode("Delay");
        fx(() -> {
            files.autosave().tick();
            return null;
        });
        waitFor(() -> Files.exists(copy), "the autosave is written");
        assertEquals(vm.spec(), NetworkXml.read(copy));
        fx(() -> {
            files.save();
            return null;
        });
        waitFor(() -> !Files.exists(copy), "a save deletes the copy");
        assertEquals(vm.spec(), NetworkXml.read(file));
        assertTrue(dialogs.recoveryHeaders.isEmpty(), "nothing to recover when opened");
    }

    /** Issue 16: Open (and New, and Quit) dropped unsaved changes without asking. */
    @Test
    void leavingUnsavedChangesAsksFirstAndCancelKeepsThem() throws Exception {
        Path file = glassCopy();
        Path noise = Path.of(System.getProperty("conch.networks", "../networks"), "noise-echoes.xml");
        start(NetworkDocument.open(file, REGISTRY));
        assertTrue(fx(() -> files.mayLeave()), "a clean network is left without a question");
        assertEquals(List.of(), dialogs.unsavedAsked);

        vm.addNode("Delay");
        NetworkSpec edited = vm.spec();
        NetworkDocument doc = vm.document();
        dialogs.unsaved = FileController.Unsaved.CANCEL;
        assertFalse(fx(() -> files.open(noise)));
        fx(() -> {
            files.newNetwork();
            return null;
        });
        assertSame(doc, vm.document(), "cancelled: still the same network");
        assertEquals(edited, vm.spec());
        assertEquals(List.of("glass-drone.xml", "glass-drone.xml"), dialogs.unsavedAsked);
        assertEquals("Kept the network open with its unsaved changes", vm.status());

        dialogs.unsaved = FileController.Unsaved.SAVE;
        assertTrue(fx(() -> files.open(noise)));
        assertEquals(edited, NetworkXml.read(file), "saved before leaving");
        assertEquals(noise, vm.document().file());
    }

    @Test
    void droppedChangesLeaveNoAutosaveToOfferAgain() throws Exception {
        start(new NetworkDocument(FileController.emptyNetwork(null), null, REGISTRY));
        Path copy = Recovery.forFile(null, Recovery.defaultDir()).path();
        vm.addNode("Oscillator");
        fx(() -> {
            files.autosave().tick();
            return null;
        });
        waitFor(() -> Files.exists(copy), "the untitled network is autosaved");
        dialogs.unsaved = FileController.Unsaved.DISCARD;
        assertTrue(fx(() -> files.open(glassCopy())));
        assertEquals(List.of("untitled"), dialogs.unsavedAsked);
        waitFor(() -> !Files.exists(copy), "the dropped changes' copy is deleted");
    }

    /**
     * Quit with "Don't save": the window then closes, and closing writes a dirty document's latest state for next
     * time; changes dropped on purpose must not come back as a copy offered to recover.
     */
    @Test
    void changesDroppedOnQuitAreNotWrittenAgainWhenTheWindowCloses() throws Exception {
        Path file = glassCopy();
        start(NetworkDocument.open(file, REGISTRY));
        Path copy = Recovery.forFile(file, Recovery.defaultDir()).path();
        fx(() -> {
            vm.setParam("filter", "q", "7");
            files.autosave().tick();
            return null;
        });
        waitFor(() -> Files.exists(copy), "the edit is autosaved");
        fx(() -> vm.setParam("filter", "q", "3")); // a later edit the timer has not written yet
        dialogs.unsaved = FileController.Unsaved.DISCARD;
        assertTrue(fx(() -> files.mayLeave()), "Quit asks, and may leave after Don't save");
        fx(() -> {
            files.close(); // what the window's hiding does
            return null;
        });
        files = null;
        Thread.sleep(300); // let a write that should not happen land
        assertFalse(Files.exists(copy), "the dropped changes came back as an autosave");
    }

    /**
     * Quit with two tabs of unsaved changes asks about each (showing it first), and a Cancel on the second keeps
     * the window: before tabs, only the tab shown was asked about and the other's changes were dropped unasked.
     */
    @Test
    void quitAsksAboutEveryTabWithUnsavedChanges() throws Exception {
        Path glass = glassCopy();
        Path voice = dir.resolve("voice.xml");
        Files.copy(GLASS, voice);
        Files.deleteIfExists(Recovery.forFile(voice, Recovery.defaultDir()).path());
        start(NetworkDocument.open(glass, REGISTRY));
        fx(() -> {
            vm.addNode("Delay");
            assertTrue(files.openInTab(voice), vm.status());
            vm.addNode("Gain");
            assertEquals(2, vm.documents().size());
            assertTrue(files.openInTab(glass), "a file open already is shown, not opened twice");
            assertEquals(2, vm.documents().size());
            assertEquals(glass, vm.document().file());

            dialogs.unsaved = FileController.Unsaved.DISCARD;
            dialogs.unsavedAsked.clear();
            vm.switchTo(vm.documents().get(1));
            assertTrue(files.mayQuit());
            assertEquals(List.of("glass-drone.xml", "voice.xml"), dialogs.unsavedAsked, "each dirty tab, in tab order");

            dialogs.unsavedAsked.clear();
            dialogs.unsaved = FileController.Unsaved.CANCEL;
            assertFalse(files.mayQuit());
            assertEquals(List.of("glass-drone.xml"), dialogs.unsavedAsked);
            assertEquals(glass, vm.document().file(), "the tab asked about is the one shown");
            return null;
        });
    }

    /** Close closes the current tab (asking first) and shows its neighbour; the last tab is left for an untitled one. */
    @Test
    void closeClosesTheCurrentTab() throws Exception {
        Path glass = glassCopy();
        Path voice = dir.resolve("voice.xml");
        Files.copy(GLASS, voice);
        start(NetworkDocument.open(glass, REGISTRY));
        fx(() -> {
            assertTrue(files.openInTab(voice));
            files.closeNetwork();
            assertEquals(1, vm.documents().size());
            assertEquals(glass, vm.document().file());
            files.closeNetwork();
            assertEquals(1, vm.documents().size());
            assertNull(vm.document().file(), "the last tab holds an untitled network");
            return null;
        });
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertTrue(condition.getAsBoolean(), what);
    }

    /** The dialogs' answers, given at once; counts what was asked. */
    private static final class Answers implements FileController.Dialogs {
        Optional<Path> openThis = Optional.empty();
        Optional<Path> saveTo = Optional.empty();
        Boolean recover;
        FileController.Unsaved unsaved;
        int saveAsked;
        final List<String> unsavedAsked = new ArrayList<>();
        final List<String> recoveryHeaders = new ArrayList<>();
        final List<Path> replaceAsked = new ArrayList<>();
        boolean replaceWith;

        @Override
        public FileController.Unsaved unsaved(String name) {
            unsavedAsked.add(name);
            assertNotNull(unsaved, "asked about unsaved changes of " + name + " unexpectedly");
            return unsaved;
        }

        @Override
        public Optional<Path> chooseToOpen(Path folder) {
            return openThis;
        }

        @Override
        public Optional<Path> chooseToSave(Path folder, String suggested) {
            saveAsked++;
            return saveTo;
        }

        @Override
        public boolean replace(Path file) {
            replaceAsked.add(file);
            return replaceWith;
        }

        @Override
        public void showImportReport(String header, String report) {
            fail("no CLAM network is opened here: " + header);
        }

        @Override
        public void askImportRest(String header, String report, Consumer<Boolean> answer) {
            fail("no CLAM network is opened here: " + header);
        }

        @Override
        public void offerRecovery(String header, String text, BooleanSupplier stillAsked, Consumer<Boolean> answer) {
            recoveryHeaders.add(header);
            if (recover != null && stillAsked.getAsBoolean()) answer.accept(recover);
        }
    }
}
