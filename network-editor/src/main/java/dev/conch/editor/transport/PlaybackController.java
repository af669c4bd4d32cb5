package dev.conch.editor.transport;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.SetParam;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.IOException;

/**
 * Play and Stop, and the network following the document while it plays: a live param goes through the control
 * queue, anything else (a rewiring, an FFT size) compiles a new engine and crossfades to it. What goes wrong is
 * said in the view-model's status line, a failure on the audio thread once. No window: unit-tested with the null
 * driver.
 */
public final class PlaybackController {
    private final EditorViewModel vm;
    private final Transport transport;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    /** The network as of the last change followed: a change of MIDI bindings alone needs no new engine. */
    private dev.conch.engine.model.NetworkSpec followed;
    /** The audio-thread failure said last, so it is said once. */
    private String shownFailure;
    /** The document playing: it plays on while another tab is shown, and stops when its tab is closed or replaced. */
    private NetworkDocument played;

    public PlaybackController(EditorViewModel vm, Transport transport) {
        this.vm = vm;
        this.transport = transport;
        vm.editedProperty().addListener((o, was, e) -> follow(e));
        vm.documents().addListener((javafx.collections.ListChangeListener<NetworkDocument>) c -> {
            if (!vm.documents().contains(played)) stop(); // its tab closed or another network in it: its sound ends
        });
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public boolean playing() {
        return playing.get();
    }

    /** The document playing (it may be in a tab not shown), or null. */
    public NetworkDocument playedDocument() {
        return played;
    }

    public void play(String driver) {
        shownFailure = null;
        vm.clearFailure();
        try {
            transport.start(vm.spec(), driver);
            followed = vm.spec();
            played = vm.document();
            vm.say("Playing through " + transport.describe());
        } catch (NetworkException e) {
            vm.complain("Cannot play: " + EditorViewModel.firstProblem(e));
        } catch (IOException | RuntimeException e) {
            vm.complain("Cannot play through " + driver + ": " + e.getMessage()
                    + ("null".equals(driver) ? "" : " (choose the null driver when there is no sound card)"));
        }
        playing.set(transport.playing());
    }

    public void stop() {
        if (!transport.playing()) return;
        played = null;
        transport.stop();
        playing.set(false);
        vm.say("Stopped");
    }

    /** Starts the playing network over from its beginning, crossfaded (the transport's Restart). */
    public void restart() {
        if (!transport.playing()) return;
        try {
            transport.restart();
            vm.say("Restarted from the beginning");
        } catch (NetworkException e) {
            vm.complain("Cannot restart: " + EditorViewModel.firstProblem(e));
        } catch (IOException e) {
            vm.complain("Cannot restart: " + e.getMessage());
        }
    }

    /** The network reached its end and stops there (the transport's "at end: stop"). */
    public void stopAtEnd(double duration) {
        if (!transport.playing()) return;
        transport.stop();
        playing.set(false);
        vm.say(String.format(java.util.Locale.ROOT, "Stopped at the end (%s s); choose \"At end: loop\" or \"play on\" "
                + "in the transport to go on", trim(duration)));
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /**
     * A node that failed, or an audio thread that stopped, is said once in the status line; a stopped one stops.
     * Called a few times a second (the audio thread cannot call into the UI).
     */
    public void checkFailure() {
        String failure = transport.failure();
        if (failure == null || failure.equals(shownFailure)) return;
        shownFailure = failure;
        if (transport.stopped()) {
            transport.stop();
            playing.set(false);
        }
        vm.reportFailure(failure);
    }

    private void follow(EditorViewModel.Edited e) {
        dev.conch.engine.model.NetworkSpec before = followed;
        followed = e == null ? null : e.spec();
        if (e == null || !transport.playing()) return;
        if (vm.document() != played) {
            // another tab: only a sub-network the playing network includes, saved, changes what plays
            if (e.change() == NetworkDocument.Change.SAVED && includes(played, vm.document().file())) swap();
            return;
        }
        if (e.change() == NetworkDocument.Change.STRUCTURE) {
            // the bindings are read by the MIDI input, not compiled: a new engine would only reset what MIDI moved
            if (before != null && before.withMidi(java.util.List.of()).equals(e.spec().withMidi(java.util.List.of()))) return;
            swap();
        } else if (e.change() == NetworkDocument.Change.PARAM && e.cause() instanceof SetParam set) {
            live(set);
        }
    }

    /** A live param goes through the control queue; a structural one (an FFT size) needs a new engine. */
    private void live(SetParam set) {
        NodeSpec n = vm.spec().node(set.node()).orElse(null);
        // a sub-network's knob is a Constant inside it (in every copy): a new engine sets it
        ParamSpec p = n == null || n.isSubNetwork() ? null : dev.conch.editor.document.NodeFacts.of(n, vm.registry(),
                vm.spec().origin()).params().stream().filter(k -> k.name().equals(set.param())).findFirst().orElse(null);
        if (p != null && p.live()) {
            if (!transport.set(set.node(), set.param(), p.parse(set.text()))) {
                vm.say("The control queue is full: " + set.node() + "." + set.param() + " will follow");
            }
        } else {
            swap();
        }
    }

    /** Whether {@code doc}'s network includes {@code file} as a sub-network, at any depth. */
    private static boolean includes(NetworkDocument doc, java.nio.file.Path file) {
        if (doc == null || file == null) return false;
        java.nio.file.Path f;
        try {
            f = file.toRealPath();
        } catch (IOException e) {
            return false;
        }
        return dev.conch.engine.graph.SubNetworks.files(doc.spec()).contains(f);
    }

    private void swap() {
        try {
            transport.swap(played.spec());
        } catch (NetworkException e) {
            vm.complain("Still playing the last working network: " + EditorViewModel.firstProblem(e));
        } catch (IOException e) {
            vm.complain("Still playing the last working network: " + e.getMessage());
        }
    }
}
