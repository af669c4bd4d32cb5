package dev.conch.editor.subnet;

import dev.conch.editor.EditorWindows;
import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.GroupingTest;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sub-networks in the editor, driven with the mouse and keys (headless, under Monocle): a sub-network node
 * double-clicked opens its file in a tab, an edit saved there changes the node's ports where it is used and what
 * plays; Ctrl+G groups the selection into a new file and Ctrl+Shift+G ungroups, each rendering the very bits the
 * network rendered before, each one undo step.
 */
@ExtendWith(ApplicationExtension.class)
class SubNetworkUiTest {
    static final Path NETWORKS = Path.of(System.getProperty("conch.networks", "../networks"));
    @TempDir
    static Path root;
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory(root, "t");
        Files.createDirectories(dir.resolve("voices"));
        Files.writeString(dir.resolve("voices/voice.xml"), """
                <network name="voice" version="2">
                  <node id="level" type="Constant" x="40" y="200">
                    <param name="min">-60</param><param name="max">0</param><param name="unit">dB</param>
                  </node>
                  <node id="osc" type="Oscillator" x="40" y="40"><param name="amplitude">0.5</param></node>
                  <node id="gain" type="Gain" x="260" y="40"/>
                  <node id="out" type="Outlet" x="460" y="40"/>
                  <connect from="osc.out" to="gain.in"/>
                  <connect from="gain.out" to="out.in"/>
                  <control from="level.out" to="gain.gain"/>
                </network>
                """);
        Files.writeString(dir.resolve("top.xml"), """
                <network name="top" version="2" sampleRate="48000">
                  <node id="voice" type="net:voices/voice.xml" x="40" y="80"/>
                  <node id="out" type="AudioOutput" x="300" y="80"><param name="channels">2</param></node>
                  <connect from="voice.out" to="out.in1"/>
                  <connect from="voice.out" to="out.in2"/>
                </network>
                """);
        Files.copy(NETWORKS.resolve("glass-drone.xml"), dir.resolve("glass-drone.xml"));
        window = new EditorWindow(stage, NetworkDocument.open(dir.resolve("top.xml"), ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void aSubNetworkOpensInATabAndItsSavedEditReachesTheNodeAndTheSound(FxRobot robot) throws Exception {
        NetworkDocument top = window.document();
        // the inspector shows the knob of a node whose file is named by a path beside the network
        robot.clickOn("#title-voice");
        assertTrue(robot.lookup("#param-voice-level").tryQuery().isPresent(), "the voice's level knob is inspected");

        robot.interact(() -> window.playback().play("null"));
        EditorWindows.settle(window);
        assertTrue(window.playback().playing(), window.status());
        Engine playing = engineOf();

        robot.doubleClickOn("#title-voice");
        assertEquals(2, window.viewModel().documents().size(), window.status());
        assertEquals(dir.resolve("voices/voice.xml").toRealPath(), window.document().file().toRealPath());
        assertTrue(robot.lookup("#title-osc").tryQuery().isPresent(), "the canvas shows the voice's nodes");
        assertTrue(window.playback().playing(), "the network plays on while its voice is edited");

        // a second outlet: the oscillator, straight
        robot.clickOn("#palette-search").write("Outlet").type(KeyCode.ENTER);
        assertTrue(window.document().spec().node("outlet").isPresent(), window.status());
        robot.drag("#port-out-osc-out").dropTo("#port-in-outlet-in");
        assertTrue(window.document().spec().connections().contains(new Connection("osc.out", "outlet.in")), window.status());
        assertEquals("* voice.xml", window.tabs().tab(window.document()).getText());
        EditorWindows.settle(window);
        assertSame(playing, engineOf(), "not saved yet: nothing changes where it is used");

        robot.clickOn("#title-osc").push(KeyCode.CONTROL, KeyCode.S);
        assertFalse(window.document().dirty(), window.status());
        assertEquals("voice.xml", window.tabs().tab(window.document()).getText());
        assertTrue(NetworkXml.read(dir.resolve("voices/voice.xml")).node("outlet").isPresent(), "saved to its own file");
        EditorWindows.settle(window);
        assertNotSame(playing, engineOf(), "the playing network was rebuilt from the saved voice: " + window.status());

        robot.clickOn("top.xml"); // its tab
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(top, window.document());
        assertTrue(robot.lookup("#port-out-voice-outlet").tryQuery().isPresent(), "the node has the new output");
        robot.interact(() -> window.playback().stop());
        EditorWindows.settle(window);
    }

    @Test
    void groupAndUngroupKeepTheSoundAndAreOneUndoStepEach(FxRobot robot) throws Exception {
        Path glass = dir.resolve("glass-drone.xml");
        robot.interact(() -> window.files().open(glass));
        NetworkSpec original = window.document().spec();
        float[][] reference = GroupingTest.render(original, 256);
        window.subNetworks().askNameWith((folder, suggested) -> {
            assertEquals("group-1.xml", suggested);
            return Optional.of(suggested);
        });

        robot.clickOn("#title-filter").press(KeyCode.SHIFT).clickOn("#title-gain").release(KeyCode.SHIFT);
        robot.push(KeyCode.CONTROL, KeyCode.G);
        Path group = dir.resolve("group-1.xml");
        assertTrue(Files.exists(group), window.status());
        NetworkSpec grouped = window.document().spec();
        assertEquals("net:group-1.xml", grouped.node("group-1").orElseThrow().type(), window.status());
        assertTrue(grouped.node("filter").isEmpty() && grouped.node("gain").isEmpty());
        assertTrue(robot.lookup("#port-in-group-1-in").tryQuery().isPresent(), "the new node is drawn with its ports");
        assertSameSound(reference, grouped);

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(original, window.document().spec(), "one undo step takes the group out");
        assertTrue(Files.exists(group), "undo leaves the file written");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(grouped, window.document().spec());

        robot.clickOn("#title-group-1").push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.G);
        NetworkSpec ungrouped = window.document().spec();
        assertTrue(ungrouped.node("group-1").isEmpty() && ungrouped.node("filter").isPresent(), window.status());
        assertEquals(java.util.Set.copyOf(original.connections()), java.util.Set.copyOf(ungrouped.connections()));
        assertSameSound(reference, ungrouped);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(grouped, window.document().spec(), "one undo step puts the node back");
    }

    /**
     * The README's order, Save As first and then Ctrl+G, with nothing edited between: the group's type was written
     * from the folder the network had before it was saved (for a new one, the current folder), and the node came out
     * as a missing sub-network ("there is no sub-network file '../../...group-1.xml'") with its wires dangling.
     */
    @Test
    void aGroupMadeJustAfterSaveAsIsNamedFromTheSavedFilesFolder(FxRobot robot) throws Exception {
        Path saved = newNetworkSavedIn(robot, "deep/a");
        groupTheOscillator(robot, saved);
    }

    /** The same after an undo and a redo across the save: the networks they bring back are seen from the new file. */
    @Test
    void aGroupMadeAfterUndoAndRedoAcrossSaveAsIsNamedFromTheSavedFilesFolder(FxRobot robot) throws Exception {
        Path saved = newNetworkSavedIn(robot, "deep/b");
        robot.clickOn("#title-oscillator").push(KeyCode.CONTROL, KeyCode.Z).push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(saved, window.viewModel().spec().origin().file(), window.status());
        groupTheOscillator(robot, saved);
    }

    /** A new network, an oscillator wired to an output, saved as net.xml in {@code folder} (made in the test's dir). */
    private Path newNetworkSavedIn(FxRobot robot, String folder) throws Exception {
        robot.interact(() -> window.files().newNetwork());
        robot.interact(() -> {
            window.viewModel().addNode("Oscillator");
            window.viewModel().addNode("AudioOutput");
            window.viewModel().connect(new dev.conch.engine.model.Endpoint("oscillator", "out"),
                    new dev.conch.engine.model.Endpoint("audioOutput", "in1"));
        });
        Path saved = Files.createDirectories(dir.resolve(folder)).resolve("net.xml");
        robot.interact(() -> window.files().saveAs(saved));
        return saved;
    }

    private void groupTheOscillator(FxRobot robot, Path saved) throws Exception {
        window.subNetworks().askNameWith((f, suggested) -> Optional.of(suggested));
        robot.clickOn("#title-oscillator").push(KeyCode.CONTROL, KeyCode.G);
        assertTrue(Files.exists(saved.resolveSibling("group-1.xml")), window.status());
        NetworkSpec grouped = window.document().spec();
        assertEquals("net:group-1.xml", grouped.node("group-1").orElseThrow().type(), window.status());
        assertEquals(java.util.List.of(), window.document().problems(), "the node is its file, wired as before");
        assertTrue(robot.lookup("#port-out-group-1-out").tryQuery().isPresent(), "drawn with its port");
        robot.interact(() -> window.files().save());
        assertEquals(java.util.List.of(), NetworkDocument.open(saved, ProcessorRegistry.load()).problems(),
                "the saved file compiles");
    }

    private Engine engineOf() {
        return window.player().engine();
    }

    private static void assertSameSound(float[][] reference, NetworkSpec spec) throws Exception {
        float[][] got = GroupingTest.render(spec, 256);
        for (int c = 0; c < reference.length; c++) assertArrayEquals(reference[c], got[c], "channel " + c);
    }
}
