package dev.conch.editor.transport;

import dev.conch.editor.EditorViewModel;
import dev.conch.editor.document.NetworkDocument;
import dev.conch.editor.document.SetParam;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Play and Stop, and the network following the document while it plays: a live param goes through the control
 * queue, anything else (a rewiring, an FFT size) compiles a new engine and crossfades to it. What goes wrong is
 * said in the view-model's status line, a failure on the audio thread once. No window: unit-tested with the null
 * driver.
 *
 * <p>Compiling, warming up (up to a second, {@link Player}), catching a new engine up to the play position (up to
 * 1.5 s) and starting a device run on {@code worker}, one step after another in the order asked, never on the FX
 * thread, which keeps drawing and taking input meanwhile; what they lead to is said through {@code ui}. Edits that
 * come faster than engines compile are coalesced: the next swap takes the network as it is when it starts.
 */
public final class PlaybackController {
    private final EditorViewModel vm;
    private final Transport transport;
    private final Executor worker;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(this, "starting");
    /** Playing or starting: Play is pressed and Stop is what undoes it. */
    private final javafx.beans.binding.BooleanBinding active = playing.or(starting);
    /** The network as of the last change followed: a change of MIDI bindings alone needs no new engine. */
    private dev.conch.engine.model.NetworkSpec followed;
    /** The audio-thread failure said last, so it is said once. */
    private String shownFailure;
    /** The document playing: it plays on while another tab is shown, and stops when its tab is closed or replaced. */
    private NetworkDocument played;
    /** Counts Play and Stop presses (FX thread): what a step finished for an earlier press has no say any more. */
    private long presses;
    /** The network the next swap compiles; null when none is asked. Set on the FX thread, taken by the worker. */
    private final AtomicReference<NetworkSpec> nextSwap = new AtomicReference<>();
    /** Swaps asked and not finished: a live change made meanwhile would miss the engine being compiled. */
    private final AtomicInteger swapsUnderWay = new AtomicInteger();
    private final AtomicBoolean loopAsked = new AtomicBoolean();

    /** Every step on the calling thread, as a tool without a window (or a test) wants it. */
    public PlaybackController(EditorViewModel vm, Transport transport) {
        this(vm, transport, Runnable::run, Runnable::run);
    }

    /** Transport steps on {@code worker} (one thread, in order), their outcomes said through {@code ui}. */
    public PlaybackController(EditorViewModel vm, Transport transport, Executor worker, Executor ui) {
        this.vm = vm;
        this.transport = transport;
        this.worker = worker;
        this.ui = ui;
        vm.editedProperty().addListener((o, was, e) -> follow(e));
        vm.documents().addListener((javafx.collections.ListChangeListener<NetworkDocument>) c -> {
            if (!vm.documents().contains(played)) stop(); // its tab closed or another network in it: its sound ends
        });
    }

    /** The editor's: steps on a daemon thread of their own, outcomes on the FX thread. */
    public static PlaybackController offTheFxThread(EditorViewModel vm, Transport transport) {
        java.util.concurrent.ExecutorService steps = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conch-transport");
            t.setDaemon(true);
            return t;
        });
        return new PlaybackController(vm, transport, steps, javafx.application.Platform::runLater);
    }

    /** Waits until every step asked so far has run (its outcome may still be on its way to {@code ui}). */
    public void awaitSteps() {
        CompletableFuture.runAsync(() -> { }, worker).join();
    }

    /** The window closes: the sound stops and the device is let go before the editor exits (at most 2 s). */
    public void close() {
        stop();
        try {
            CompletableFuture.runAsync(() -> { }, worker).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the worker is a daemon: exiting ends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public boolean playing() {
        return playing.get();
    }

    /** True from Play until the sound starts, or the reason it cannot is said. */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    /** Playing or starting: what Play's and Stop's buttons follow. */
    public javafx.beans.value.ObservableBooleanValue activeProperty() {
        return active;
    }

    /** The document playing (it may be in a tab not shown), or null. */
    public NetworkDocument playedDocument() {
        return played;
    }

    public void play(String driver) {
        shownFailure = null;
        vm.clearFailure();
        long press = ++presses;
        NetworkSpec spec = vm.spec();
        NetworkDocument doc = vm.document();
        starting.set(true);
        vm.say("Starting " + spec.name() + " through " + driver + ": compiling and warming up");
        worker.execute(() -> {
            Runnable outcome;
            try {
                transport.start(spec, driver);
                String through = "Playing through " + transport.describe();
                outcome = () -> {
                    followed = spec;
                    played = doc;
                    vm.say(through);
                };
            } catch (NetworkException e) {
                outcome = () -> vm.complain("Cannot play: " + EditorViewModel.firstProblem(e));
            } catch (IOException | RuntimeException e) {
                outcome = () -> vm.complain("Cannot play through " + driver + ": " + e.getMessage()
                        + ("null".equals(driver) ? "" : " (choose the null driver when there is no sound card)"));
            }
            boolean sounding = transport.playing();
            Runnable said = outcome;
            ui.execute(() -> {
                if (press != presses) return; // stopped (or played again) meanwhile: that press has the say
                said.run();
                starting.set(false);
                playing.set(sounding);
                // edited while it started: what plays catches up with the document
                if (sounding && vm.document() == doc && !vm.spec().equals(spec)) swap();
            });
        });
    }

    public void stop() {
        if (!active.get()) return;
        presses++;
        played = null;
        starting.set(false);
        playing.set(false);
        worker.execute(transport::stop);
        vm.say("Stopped");
    }

    /** Starts the playing network over from its beginning, crossfaded (the transport's Restart). */
    public void restart() {
        if (!playing.get()) return;
        long press = presses;
        worker.execute(() -> {
            try {
                transport.restart();
                ui.execute(() -> {
                    if (press == presses) vm.say("Restarted from the beginning");
                });
            } catch (NetworkException e) {
                ui.execute(() -> vm.complain("Cannot restart: " + EditorViewModel.firstProblem(e)));
            } catch (IOException e) {
                ui.execute(() -> vm.complain("Cannot restart: " + e.getMessage()));
            }
        });
    }

    /**
     * Keeps a looping network's next start ready (see {@link Player#prepareLoop}), compiled on the worker; asked a few
     * times a second while playing, at most one step waits at a time.
     */
    public void prepareLoop(Player player) {
        if (!playing.get() || !loopAsked.compareAndSet(false, true)) return;
        worker.execute(() -> {
            loopAsked.set(false);
            try {
                player.prepareLoop();
            } catch (NetworkException | IOException e) {
                ui.execute(() -> vm.complain("The loop cannot start over: " + e.getMessage()));
            }
        });
    }

    /** The network reached its end and stops there (the transport's "at end: stop"). */
    public void stopAtEnd(double duration) {
        if (!playing.get()) return;
        presses++;
        played = null;
        playing.set(false);
        worker.execute(transport::stop);
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
            presses++;
            played = null;
            playing.set(false);
            worker.execute(transport::stop);
        }
        vm.reportFailure(failure);
    }

    private void follow(EditorViewModel.Edited e) {
        dev.conch.engine.model.NetworkSpec before = followed;
        followed = e == null ? null : e.spec();
        if (e == null || !playing.get()) return;
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
            // an engine being compiled from the network before this change would lose it: it is compiled again
            if (swapsUnderWay.get() > 0) swap();
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

    /**
     * Compiles the played document's network on the worker and crossfades to it. While one waits, another edit only
     * replaces the network it will compile.
     */
    private void swap() {
        swapsUnderWay.incrementAndGet();
        if (nextSwap.getAndSet(played.spec()) != null) {
            swapsUnderWay.decrementAndGet(); // the swap waiting takes this network
            return;
        }
        long press = presses;
        worker.execute(() -> {
            NetworkSpec spec = nextSwap.getAndSet(null);
            try {
                transport.swap(spec);
            } catch (NetworkException e) {
                said(press, "Still playing the last working network: " + EditorViewModel.firstProblem(e));
            } catch (IOException e) {
                said(press, "Still playing the last working network: " + e.getMessage());
            } finally {
                swapsUnderWay.decrementAndGet();
            }
        });
    }

    private void said(long press, String complaint) {
        ui.execute(() -> {
            if (press == presses) vm.complain(complaint);
        });
    }
}
