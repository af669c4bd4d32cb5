package dev.conch.editor.canvas;

import dev.conch.editor.EditorWindow;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.runtime.ProcessorRegistry;
import javafx.geometry.Bounds;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three modulations of one node, two of them from the same LFO: each label is readable (no two labels' boxes
 * intersect) and each line ends at its own point of the node. Drawn halfway along lines that all ended at the
 * node's bottom centre, as before, the two labels of the one LFO fell exactly on one another.
 */
@ExtendWith(ApplicationExtension.class)
class ModulationLabelsUiTest {
    @TempDir
    Path dir;
    EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path file = Files.writeString(dir.resolve("mods.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <network name="mods" version="3" sampleRate="48000">
                  <node id="osc" type="Oscillator" x="40" y="40"/>
                  <node id="filter" type="Biquad" x="300" y="40"/>
                  <node id="out" type="AudioOutput" x="560" y="40">
                    <param name="channels">1</param>
                  </node>
                  <node id="lfo1" type="LFO" x="300" y="260"/>
                  <node id="lfo2" type="LFO" x="300" y="380"/>
                  <connect from="osc.out" to="filter.in"/>
                  <connect from="filter.out" to="out.in1"/>
                  <control from="lfo1.out" to="filter.frequency" mode="add"/>
                  <control from="lfo1.out" to="filter.q" mode="add"/>
                  <control from="lfo2.out" to="filter.gain" mode="replace"/>
                </network>
                """);
        window = new EditorWindow(stage, NetworkDocument.open(file, ProcessorRegistry.load()));
        window.show();
    }

    @Test
    void severalModulationsOfOneNodeHaveLabelsThatDoNotOverlap(FxRobot robot) {
        List<Text> labels = List.of("frequency", "q", "gain").stream()
                .map(p -> robot.lookup("#control-label-filter-" + p).queryAs(Text.class)).toList();
        assertEquals(List.of("frequency (add)", "q (add)", "gain (replace)"), labels.stream().map(Text::getText).toList());
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                Bounds a = labels.get(i).getBoundsInParent(), b = labels.get(j).getBoundsInParent();
                assertFalse(a.intersects(b), labels.get(i).getText() + " " + a + " overlaps " + labels.get(j).getText() + " " + b);
            }
        }
        List<Double> ends = robot.lookup(n -> n instanceof Line l && l.isVisible() && javafx.scene.paint.Color.web("#3aa357").equals(l.getStroke())).queryAllAs(Line.class)
                .stream().map(Line::getEndX).distinct().toList();
        assertEquals(3, ends.size(), "each modulation ends at its own point of the filter: " + ends);
    }
}
