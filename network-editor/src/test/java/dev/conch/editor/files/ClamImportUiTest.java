package dev.conch.editor.files;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18 item 1 in the editor: a CLAM network opens imported, with its report; its nodes are on the canvas; Save
 * asks for a Conch .xml (the suggested name beside the CLAM file) and never writes the .clamnetwork, whose bytes stay
 * as they were; the saved file reads back as the network shown. A file with a processing Conch lacks is refused in one
 * sentence unless the person chooses Import the rest.
 */
@ExtendWith(ApplicationExtension.class)
class ClamImportUiTest {
    static final Path CLAM = clamRoot();
    static final Path WIRE = CLAM.resolve("NetworkEditor/example-data/wire.clamnetwork");
    static final Path SPECTRAL = CLAM.resolve("NetworkEditor/example-data/spectralNetwork.clamnetwork");
    @TempDir
    Path dir;
    EditorWindow window;

    static Path clamRoot() {
        return Path.of(System.getProperty("conch.clam", "../../shared/clam")).toAbsolutePath().normalize();
    }

    @Start
    void start(Stage stage) {
        window = new EditorWindow(stage, new NetworkDocument(FileController.emptyNetwork(null), null, ProcessorRegistry.load()));
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.scene().getWindow().hide());
    }

    @Test
    void wireAndTheSpectralNetworkOpenOnTheCanvasAndSaveAsXmlLeavingTheClamFileAlone(FxRobot robot) throws Exception {
        assumeTrue(Files.exists(WIRE) && Files.exists(SPECTRAL), "CLAM's networks are not at " + CLAM);

        // wire: one source port to one sink port (FORMAT-NOTES: AudioSource -> AudioInput, AudioSink -> AudioOutput)
        NetworkSpec wire = openAndSave(robot, WIRE, "wire.xml");
        assertEquals(Map.of("AudioInput", 1L, "AudioOutput", 1L), types(wire));
        assertEquals(List.of(new Connection("audio_in.out1", "audio_out.in1")), wire.connections());

        // spectralNetwork: SpectralAnalysis -> ThreeBandFilter -> Robotization -> OscillatingSpectralNotch ->
        // SpectralSynthesis (+ OverlapAdd), 11 sliders; the Oscilloscope and the 2 SpectrumViews are no nodes
        NetworkSpec spectral = openAndSave(robot, SPECTRAL, "spectralNetwork.xml");
        Map<String, Long> types = types(spectral);
        assertEquals(11L, types.get("Constant"), "one knob per OutControlSender: " + types);
        for (String t : List.of("AudioInput", "STFT", "Robotize", "SweptSpectralGain", "ISTFT", "AudioOutput")) {
            assertEquals(1L, types.get(t), t + " in " + types);
        }
        assertEquals(3L, types.get("SpectralGain"), "the three bands: " + types);
        assertFalse(types.containsKey("Oscilloscope") || types.containsKey("SpectrumView"), types.toString());
        NetworkCompiler.compile(spectral, ProcessorRegistry.load(), 512); // what was saved plays
    }

    /**
     * Opens {@code clam} as a user would (File → Open's path), checks the report and the canvas, then Ctrl+S: asked
     * where, refused over the .clamnetwork itself, written to {@code dir/name}. Returns the file read back.
     */
    private NetworkSpec openAndSave(FxRobot robot, Path clam, String name) throws Exception {
        byte[] before = Files.readAllBytes(clam);
        robot.interact(() -> window.files().open(clam));
        WaitForAsyncUtils.waitForFxEvents();
        String report = robot.lookup("#import-report").queryAs(TextArea.class).getText();
        assertTrue(report.startsWith("imported " + clam + " from CLAM:"), report);
        robot.clickOn("OK");
        NetworkDocument doc = window.document();
        assertEquals(clam, doc.importedFrom(), window.status());
        assertNull(doc.file(), "an import is in no Conch file yet");
        assertTrue(doc.dirty(), "so it counts as unsaved");
        assertEquals("* " + clam.getFileName() + " (imported) - Conch editor", window.viewModel().titleProperty().get());
        assertEquals(clam, window.files().recentFiles().list().get(0), "File > Open Recent opens it again");
        for (NodeSpec n : doc.spec().nodes()) {
            assertTrue(robot.lookup("#title-" + n.id()).tryQuery().isPresent(), "node " + n.id() + " is on the canvas");
        }

        // Save asks where: first a CLAM file (a copy: were the refusal broken, the original would be safe), which is
        // refused, then a Conch file
        Path copy = Files.copy(clam, dir.resolve(clam.getFileName()));
        List<String> asked = new ArrayList<>();
        window.files().chooseSavesWith((folder, suggested) -> {
            asked.add(folder + "|" + suggested);
            return Optional.of(asked.size() == 1 ? copy : dir.resolve(name));
        });
        String firstNode = doc.spec().nodes().get(0).id();
        robot.clickOn("#title-" + firstNode).push(KeyCode.CONTROL, KeyCode.S);
        assertEquals(List.of(clam.getParent() + "|" + name), asked, "Save asked, beside the CLAM file, for " + name);
        assertTrue(window.status().contains("is a CLAM network") && window.status().contains(".xml"), window.status());
        assertArrayEquals(before, Files.readAllBytes(copy), "a .clamnetwork is never written");
        assertArrayEquals(before, Files.readAllBytes(clam), "the .clamnetwork is never written");
        assertTrue(doc.dirty());

        robot.push(KeyCode.CONTROL, KeyCode.S);
        Path saved = dir.resolve(name);
        assertEquals(2, asked.size());
        assertEquals(saved, doc.file(), window.status());
        assertFalse(doc.dirty());
        assertArrayEquals(before, Files.readAllBytes(clam), "the .clamnetwork is never written");
        NetworkSpec back = NetworkXml.read(saved);
        assertEquals(doc.spec().nodes(), back.nodes(), "the file holds the nodes shown");
        assertEquals(Set.copyOf(doc.spec().connections()), Set.copyOf(back.connections()));
        assertEquals(Set.copyOf(doc.spec().controls()), Set.copyOf(back.controls()));
        return back;
    }

    @Test
    void aProcessingConchLacksIsRefusedInASentenceUnlessTheRestIsImported(FxRobot robot) throws Exception {
        String xml = """
                <network clamVersion="1.4.1" id="Unnamed">
                  <processing id="in" position="0,0" type="AudioSource"/>
                  <processing id="key" position="100,0" type="TonalAnalysis"/>
                  <processing id="out" position="200,0" type="AudioSink"/>
                  <port_connection><out>in.1</out><in>out.1</in></port_connection>
                  <port_connection><out>in.1</out><in>key.Audio Input</in></port_connection>
                </network>
                """;
        Path clam = Files.writeString(dir.resolve("tonal.clamnetwork"), xml);
        int line = 3; // the TonalAnalysis processing, counted in the text above
        assertTrue(xml.lines().toList().get(line - 1).contains("TonalAnalysis"));
        NetworkDocument empty = window.document();

        // a file CLAM could not read either: its line, nothing opened and nothing asked
        Path broken = Files.writeString(dir.resolve("broken.clamnetwork"), "<network>\n<processing id=\"a\" type=\"AudioSink\">\n</network>");
        robot.interact(() -> window.files().open(broken));
        assertTrue(window.status().startsWith("Could not open " + broken + ":3:") && window.status().contains("not well-formed XML"),
                window.status());
        assertSame(empty, window.document());

        robot.interact(() -> window.files().open(clam));
        WaitForAsyncUtils.waitForFxEvents();
        String question = robot.lookup("#import-report").queryAs(TextArea.class).getText();
        assertTrue(question.startsWith("refused: " + clam + ":" + line + ":"), "the question shows what is refused first: " + question);
        robot.clickOn("Cancel");
        String status = window.status();
        assertSame(empty, window.document(), "refused: nothing opened");
        assertTrue(status.startsWith("Did not open tonal.clamnetwork: a part Conch cannot take (open it again and choose "
                + "Import the rest to leave it out), " + clam + ":" + line + ":"), status);
        assertTrue(status.contains("node 'key' (CLAM TonalAnalysis)") && status.contains("Conch has no processor for it"), status);
        assertFalse(status.matches("(?s).*[.!?]\\s+[A-Z].*"), "one sentence: " + status);

        robot.interact(() -> window.files().open(clam));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Import the rest");
        NetworkSpec spec = window.document().spec();
        assertEquals(clam, window.document().importedFrom(), window.status());
        assertEquals(Set.of("audio_in", "audio_out"), spec.nodes().stream().map(NodeSpec::id).collect(Collectors.toSet()));
        assertEquals(List.of(new Connection("audio_in.out1", "audio_out.in1")), spec.connections());
        assertTrue(window.status().contains("1 left out"), window.status());
        window.files().chooseSavesWith((folder, suggested) -> Optional.of(dir.resolve(suggested)));
        robot.clickOn("#title-audio_in").push(KeyCode.CONTROL, KeyCode.S); // clean: no autosave left for the next run
        assertEquals(dir.resolve("tonal.xml"), window.document().file(), window.status());
    }

    private static Map<String, Long> types(NetworkSpec spec) {
        return new TreeMap<>(spec.nodes().stream().collect(Collectors.groupingBy(NodeSpec::type, Collectors.counting())));
    }
}
