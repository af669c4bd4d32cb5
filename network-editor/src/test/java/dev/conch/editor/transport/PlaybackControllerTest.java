package dev.conch.editor.transport;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Play, Stop and the network following the document while it plays, without a window: through the paced null
 * driver (what is played is measured), and through a stand-in transport for the failures a real one cannot be
 * made to have on cue.
 */
class PlaybackControllerTest {
    static final ProcessorRegistry REGISTRY = ProcessorRegistry.load();
    @TempDir
    Path dir;
    final Stand stand = new Stand();
    EditorViewModel vm;
    PlaybackController playback;

    /** PlayerTest's sine: 440 Hz at amplitude 0.5 through a 0 dB gain, both channels. */
    private NetworkDocument sine() throws Exception {
        Path file = PlayerTest.sineFile(dir);
        return new NetworkDocument(NetworkXml.read(file), file, REGISTRY);
    }

    /** The sine, its controller over the stand-in transport, not playing yet. */
    private void overTheStand() throws Exception {
        vm = new EditorViewModel(sine());
        playback = new PlaybackController(vm, stand);
    }

    @Test
    void aParamEditGoesLiveAndARewiringSwapsTheEngine() throws Exception {
        vm = new EditorViewModel(sine());
        Player player = new Player(REGISTRY);
        playback = new PlaybackController(vm, player);
        try {
            playback.play("null");
            assertTrue(playback.playingProperty().get(), vm.status());
            assertTrue(vm.status().startsWith("Playing through "), vm.status());
            PlayerTest.peakSettlesAt(player, 0.5, "as loaded");

            Engine loaded = player.engine();
            assertNull(vm.setParam("osc", "amplitude", "0.1"));
            PlayerTest.peakSettlesAt(player, 0.1, "after setting osc.amplitude to 0.1 in the inspector");
            assertSame(loaded, player.engine(), "a live param is not a recompile");

            // a new node wired in: a recompile, crossfaded in while the sound goes on
            vm.addNode("Gain", 300, 300);
            vm.connect(Endpoint.parse("osc.out"), Endpoint.parse("gain2.in"));
            assertEquals(List.of(new Connection("osc.out", "gain2.in")),
                    vm.spec().connections().stream().filter(c -> c.to().node().equals("gain2")).toList(), vm.status());
            assertNotSame(loaded, player.engine(), "a rewiring crossfades to a new engine");
            assertNull(vm.setParam("osc", "amplitude", "0.3"));
            PlayerTest.peakSettlesAt(player, 0.3, "a live set on the swapped-in engine");

            vm.undo(); // an undo is a whole-network step: swapped back to amplitude 0.1
            PlayerTest.peakSettlesAt(player, 0.1, "after undoing the set");
        } finally {
            playback.stop();
        }
        assertFalse(playback.playingProperty().get());
        assertEquals("Stopped", vm.status());
        assertFalse(player.playing());
    }

    @Test
    void aNetworkThatCannotPlaySaysWhyAndStaysStopped() throws Exception {
        NetworkSpec silent = new NetworkSpec("silent", 2, 48000, 0, "", List.of(), List.of(), List.of());
        vm = new EditorViewModel(new NetworkDocument(silent, null, REGISTRY));
        playback = new PlaybackController(vm, new Player(REGISTRY));
        playback.play("null");
        assertFalse(playback.playingProperty().get());
        assertEquals("Cannot play through null: the network has no AudioOutput node: there is nothing to play", vm.status());
    }

    /** Regression (issue 16): "Still playing the last working network" was overwritten at once by the edit's label. */
    @Test
    void aSwapThatFailsLeavesItsSentenceShowing() throws Exception {
        overTheStand();
        playback.play("null");
        stand.swapFails = new IOException("the new network does not compile");
        vm.addNode("Delay", 300, 300);
        assertEquals("Still playing the last working network: the new network does not compile", vm.status());
        assertEquals(1, stand.swaps.size(), "the edit was tried");
        assertTrue(stand.playing, "the old network plays on");
    }

    @Test
    void aStructuralParamSwapsAndAPositionDoesNothing() throws Exception {
        overTheStand();
        vm.move("osc", 10, 10);
        assertEquals(List.of(), stand.swaps, "nothing plays yet");
        playback.play("null");
        vm.move("osc", 20, 20);
        vm.setParam("out", "channels", "1"); // fixed when the network is compiled: needs a new engine
        vm.setParam("osc", "frequency", "220");
        assertEquals(1, stand.swaps.size(), "only the structural param swapped: " + stand.swaps);
        assertEquals("1", stand.swaps.get(0).node("out").orElseThrow().params().get("channels").text());
        assertEquals(List.of("osc.frequency=220.0"), stand.sets);
    }

    @Test
    void aFailureOnTheAudioThreadIsSaidOnceAndAStoppedThreadStops() throws Exception {
        overTheStand();
        playback.play("null");
        playback.checkFailure();
        assertEquals("Playing through the stand-in", vm.status(), "no failure, nothing said");

        stand.failure = "a node failed and went silent: osc: boom";
        playback.checkFailure();
        assertEquals(stand.failure, vm.status());
        vm.say("something else");
        playback.checkFailure();
        assertEquals("something else", vm.status(), "the same failure is said once");
        assertTrue(playback.playingProperty().get(), "a node that fails goes silent; the rest plays on");

        stand.failure = "the sound stopped: internal error on the audio thread";
        stand.stopped = true;
        playback.checkFailure();
        assertEquals(stand.failure, vm.status());
        assertFalse(playback.playingProperty().get());
        assertFalse(stand.playing, "the ended stream is cleaned up");
    }

    @Test
    void openingAnotherNetworkStopsTheSound() throws Exception {
        overTheStand();
        playback.play("null");
        vm.load(sine());
        assertFalse(stand.playing);
        assertFalse(playback.playingProperty().get());
    }

    /** A voice in its own file: a sine at amplitude 0.5, a level knob (a Constant) for its gain. */
    private NetworkDocument withVoice() throws Exception {
        Files.writeString(dir.resolve("voice.xml"), """
                <network name="voice" version="2">
                  <node id="level" type="Constant"><param name="min">-60</param><param name="max">0</param></node>
                  <node id="osc" type="Oscillator"><param name="frequency">440</param><param name="amplitude">0.5</param></node>
                  <node id="gain" type="Gain"/>
                  <node id="out" type="Outlet"/>
                  <connect from="osc.out" to="gain.in"/>
                  <connect from="gain.out" to="out.in"/>
                  <control from="level.out" to="gain.gain"/>
                </network>
                """);
        Path top = dir.resolve("top.xml");
        Files.writeString(top, """
                <network name="top" version="2" sampleRate="48000">
                  <node id="voice" type="net:voice.xml"/>
                  <node id="out" type="AudioOutput"><param name="channels">2</param></node>
                  <connect from="voice.out" to="out.in1"/>
                  <connect from="voice.out" to="out.in2"/>
                </network>
                """);
        return NetworkDocument.open(top, REGISTRY);
    }

    /**
     * The sub-network opened in a tab and saved there is heard in the network that plays on meanwhile: the save
     * crossfades in a new engine built from the file as saved; an unsaved edit in the tab is not heard.
     */
    @Test
    void aSubNetworkSavedInItsTabIsHeardWhereItIsUsed() throws Exception {
        vm = new EditorViewModel(withVoice());
        Player player = new Player(REGISTRY);
        playback = new PlaybackController(vm, player);
        try {
            playback.play("null");
            PlayerTest.peakSettlesAt(player, 0.5, "as loaded");
            NetworkDocument top = vm.document();
            vm.openTab(NetworkDocument.open(dir.resolve("voice.xml"), REGISTRY));
            assertTrue(playback.playing(), "showing another tab does not stop the sound");
            Engine before = player.engine();
            assertNull(vm.setParam("osc", "amplitude", "0.1"));
            assertSame(before, player.engine(), "an unsaved edit of another tab changes nothing that plays");
            vm.document().save();
            assertNotSame(before, player.engine(), "the save swapped in a new engine: " + vm.status());
            PlayerTest.peakSettlesAt(player, 0.1, "after saving the voice at amplitude 0.1");
            vm.switchTo(top);
            assertTrue(playback.playing());
        } finally {
            playback.stop();
        }
    }

    /** Regression: a knob of a sub-network node set while playing threw (its type has no descriptor); now it swaps. */
    @Test
    void aSubNetworkKnobSetWhilePlayingSwapsTheEngine() throws Exception {
        vm = new EditorViewModel(withVoice());
        playback = new PlaybackController(vm, stand);
        playback.play("null");
        assertNull(vm.setParam("voice", "level", "-6"));
        assertEquals(1, stand.swaps.size(), vm.status());
        assertEquals("-6", stand.swaps.get(0).node("voice").orElseThrow().params().get("level").text());
        assertEquals(List.of(), stand.sets);
    }

    @Test
    void closingThePlayingTabStopsTheSoundAndClosingAnotherDoesNot() throws Exception {
        overTheStand();
        playback.play("null");
        NetworkDocument played = vm.document();
        NetworkDocument other = sine();
        vm.openTab(other);
        assertTrue(stand.playing, "another tab shown: the sound goes on");
        vm.closeTab(other);
        assertTrue(stand.playing, "another tab closed: the sound goes on");
        vm.openTab(sine());
        vm.closeTab(played);
        assertFalse(stand.playing, "the playing tab closed: its sound ends");
        assertFalse(playback.playing());
    }

    /**
     * Regression: Play compiled and warmed the network up (up to a second) and an edit caught the new engine up (up
     * to 1.5 s) on the FX thread, which froze the editor meanwhile. Now Play returns at once and says it is starting;
     * the sound starts on the worker.
     */
    @Test
    void playReturnsAtOnceAndTheSoundStartsOnTheWorker() throws Exception {
        offTheUiThread();
        stand.startGate = new CountDownLatch(1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> playback.play("null"), "Play waited for the start");
        assertTrue(playback.startingProperty().get());
        assertTrue(playback.activeProperty().get(), "Stop can undo a Play that is starting");
        assertFalse(playback.playing());
        assertEquals("Starting sine through null: compiling and warming up", vm.status());
        stand.startGate.countDown();
        settle();
        assertTrue(playback.playing());
        assertFalse(playback.startingProperty().get());
        assertEquals("Playing through the stand-in", vm.status());
        assertTrue(stand.playing);
    }

    @Test
    void stopPressedWhileStartingLeavesItStopped() throws Exception {
        offTheUiThread();
        stand.startGate = new CountDownLatch(1);
        playback.play("null");
        playback.stop();
        assertFalse(playback.activeProperty().get());
        stand.startGate.countDown();
        settle();
        assertFalse(playback.playing(), "the start that finished after Stop has no say");
        assertFalse(stand.playing, "the device started and was stopped after it");
        assertEquals("Stopped", vm.status());
    }

    /**
     * Edits that come while a slow swap compiles wait as one: the next swap takes the network as it is then, and a
     * live change made meanwhile (which went to the engine still playing, not to the one compiling) is in it.
     */
    @Test
    void editsDuringASlowSwapAreCoalescedAndTheLastOneIsHeard() throws Exception {
        offTheUiThread();
        playback.play("null");
        settle();
        stand.swapGate = new CountDownLatch(1);
        vm.addNode("Gain", 300, 300);
        assertTrue(stand.swapEntered.await(5, TimeUnit.SECONDS), "the first swap started");
        for (int i = 0; i < 4; i++) vm.addNode("Delay", 300 + 40 * i, 400);
        assertNull(vm.setParam("osc", "frequency", "330"));
        assertEquals(List.of("osc.frequency=330.0"), stand.sets, "the change went live at once");
        stand.swapGate.countDown();
        settle();
        assertEquals(2, stand.swaps.size(), "one swap under way and one for everything after it: " + stand.swaps.size());
        assertEquals(vm.spec(), stand.swaps.get(1), "the last swap is the network as edited, the live change in it");
        assertTrue(playback.playing());
    }

    /** A controller whose transport steps run on a thread of their own, and whose outcomes wait in {@link #fx}. */
    private void offTheUiThread() throws Exception {
        vm = new EditorViewModel(sine());
        worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        playback = new PlaybackController(vm, stand, worker, fx::add);
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> fx = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private java.util.concurrent.ExecutorService worker;

    /** The steps asked have run, and what they said has been said (as the FX thread would, in order). */
    private void settle() {
        playback.awaitSteps();
        for (Runnable r; (r = fx.poll()) != null; ) r.run();
    }

    @AfterEach
    void shutDownTheWorker() {
        if (worker != null) worker.shutdownNow();
    }

    /** A transport that records what it is asked and fails when told to; its start and swap can be held. */
    private static final class Stand implements Transport {
        volatile boolean playing, stopped;
        volatile String failure;
        volatile IOException swapFails;
        volatile CountDownLatch startGate, swapGate;
        final CountDownLatch swapEntered = new CountDownLatch(1);
        final List<NetworkSpec> swaps = new CopyOnWriteArrayList<>();
        final List<String> sets = new CopyOnWriteArrayList<>();

        @Override
        public void start(NetworkSpec spec, String driver) {
            hold(startGate);
            playing = true;
        }

        private static void hold(CountDownLatch gate) {
            try {
                if (gate != null && !gate.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never let go");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stop() {
            playing = false;
        }

        @Override
        public boolean playing() {
            return playing;
        }

        @Override
        public boolean set(String node, String param, double value) {
            sets.add(node + "." + param + "=" + value);
            return true;
        }

        @Override
        public void swap(NetworkSpec spec) throws NetworkException, IOException {
            swapEntered.countDown();
            hold(swapGate);
            swaps.add(spec);
            if (swapFails != null) throw swapFails;
        }

        @Override
        public String failure() {
            return failure;
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public String describe() {
            return "the stand-in";
        }
    }
}
