package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A cloned sub-network node's box says how many copies it stands for; a single node's does not. */
@ExtendWith(ApplicationExtension.class)
class CloneCountUiTest {
    @TempDir
    static Path dir;

    @Start
    void start(Stage stage) throws Exception {
        Files.writeString(dir.resolve("voice.xml"), """
                <network name="voice" version="2">
                  <node id="osc" type="Oscillator" x="40" y="40"><param name="amplitude">0.1</param></node>
                  <node id="out" type="Outlet" x="260" y="40"/>
                  <connect from="osc.out" to="out.in"/>
                </network>
                """);
        Files.writeString(dir.resolve("choir.xml"), """
                <network name="choir" version="2" sampleRate="48000">
                  <node id="voices" type="net:voice.xml" count="8" x="40" y="80"/>
                  <node id="solo" type="net:voice.xml" x="40" y="240"/>
                  <node id="out" type="AudioOutput" x="300" y="80"><param name="channels">1</param></node>
                  <connect from="voices.out" to="out.in1"/>
                </network>
                """);
        new EditorWindow(stage, NetworkDocument.open(dir.resolve("choir.xml"), ProcessorRegistry.load())).show();
    }

    @Test
    void aClonesBoxShowsItsCount(FxRobot robot) {
        assertEquals("net:voice.xml  \u00d78", robot.lookup("#type-voices").queryAs(Label.class).getText());
        assertEquals("net:voice.xml", robot.lookup("#type-solo").queryAs(Label.class).getText());
    }
}
