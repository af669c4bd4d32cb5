package dev.conch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.conch.engine.driver.OfflineRenderer;
import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.driver.RenderOptions;
import dev.conch.engine.driver.RenderResult;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.io.AudioData;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.io.AudioMetadata;
import dev.conch.engine.io.Clipping;
import dev.conch.engine.io.FileType;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.TempTarget;
import dev.conch.engine.io.Transcoder;
import dev.conch.engine.io.WriteOptions;
import dev.conch.processors.io.AudioFileWriter;
import dev.conch.processors.spectral.plot.SpectrogramPlot;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.Engine;
import dev.conch.engine.runtime.ProcessorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code conch render NET.xml -o out.wav}: runs the network as fast as the machine allows and writes the result. */
@Command(name = "render", sortOptions = false,
        description = "Render a network to a WAV, AIFF or FLAC file, faster than realtime.",
        footer = {"", "Examples:", "  conch render networks/glass-drone.xml -o drone.wav --seconds 10 --set osc.frequency=110",
                "  conch render networks/glass-shaper.xml -i glass.wav -o shaped.wav"})
final class RenderCommand extends CliCommand {
    @Mixin
    NetworkArgs network;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "audio file for the network's AudioOutput: WAV, AIFF or FLAC by its extension or --format "
                    + "(without it, only the network's own file writers write)")
    Path output;

    @Option(names = {"-i", "--input"}, paramLabel = "IN",
            description = "sound file for the network's AudioInput (WAV, AIFF, AU, FLAC or MP3, resampled to the network's "
                    + "rate); repeat to fill more channels, in order: a stereo file fills two")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--loop-inputs", description = "an input shorter than the render starts again (default: silence after it)")
    boolean loopInputs;

    @Option(names = "--seconds", paramLabel = "S",
            description = "how long to render (default: the network's duration attribute, else the longest -i file)")
    Double seconds;

    // defaults are the fields' initial values (picocli shows and applies them), so PlainRender's command has them too
    @Option(names = "--bits", paramLabel = "16|24|32f",
            description = "sample format of -o: 16 or 24 bit PCM, or 32-bit float (default: ${DEFAULT-VALUE})")
    String bits = "24";

    @Option(names = "--format", paramLabel = "wav|aiff|flac",
            description = "file format of -o (default: from its extension: .aif/.aiff → AIFF, .flac → FLAC, else WAV)")
    String fileFormat;

    @Option(names = "--dither", description = "add seeded TPDF dither when writing 16 or 24-bit (same file every run)")
    boolean dither;

    @Option(names = "--title", paramLabel = "TEXT", description = "title stored in -o (WAV LIST/INFO, AIFF NAME)")
    String title;

    @Option(names = "--artist", paramLabel = "TEXT", description = "artist stored in -o (WAV LIST/INFO, AIFF AUTH)")
    String artist;

    @Option(names = "--comment", paramLabel = "TEXT", description = "comment stored in -o (WAV LIST/INFO, AIFF ANNO)")
    String comment;

    /**
     * 512, though offline a larger block is cheaper (P1: 30 % less CPU per frame at 4096; wide.xml on 2 threads
     * 1.90-1.96x at 4096 against 1.75-1.86x at 512): {@code --threads auto} judges a segment's work against the
     * hand-overs it costs, and at 4096 it sent 6 of the 10 examples to 2 threads, where they rendered no faster
     * (benchmarks/README, "Parallel schedule").
     */
    @Option(names = "--block", paramLabel = "N",
            description = "frames per engine callback, 1..8192 (default: ${DEFAULT-VALUE}); the output does not depend on it")
    int block = 512;

    @Option(names = "--threads", paramLabel = "N|auto",
            description = "threads running the network's independent branches, 1..64, or auto (the default): the render "
                    + "times its nodes over its first blocks, then takes as many of the machine's cores as the "
                    + "network's branches pay for (a narrow network stays on 1, where more would only slow it), or "
                    + "pipelines a single chain on 2 when its evenest split pays; the output does not depend on it")
    String threads = "auto";

    @Option(names = "--tail", paramLabel = "S",
            description = "at most this many seconds after the end for echoes to ring out, e.g. 10 or 10s; the sources "
                    + "stop at the end and the tail stops once the output stays below -90 dBFS for 100 ms (default: "
                    + "none with --seconds, else the longest tail the network's processors declare)")
    String tail;

    @Option(names = "--plot", paramLabel = "OUT.png",
            description = "also draw the result: waveform and spectrogram (log frequency, dB colours)")
    Path plot;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary, only warnings and errors")
    boolean quiet;

    @Override
    int run() throws Exception {
        checkBlock(block);
        parseThreads(threads); // a mistake is refused before anything is read
        SampleFormat format = parseFormat(bits);
        WriteOptions writeOptions = writeOptions(format);
        if (seconds != null && !(seconds > 0 && seconds <= NetworkSpec.MAX_DURATION)) {
            throw new UserError("--seconds " + seconds + ": give a duration above 0 and at most 24 hours ("
                    + Messages.number(NetworkSpec.MAX_DURATION) + ")");
        }

        NetworkSpec spec = network.load(err(), inputs);
        if (plot != null && output == null) throw new UserError("--plot draws the -o file: give -o OUT.wav too");
        WriteTargets.checkFolder("-o", output, "out.wav");
        WriteTargets.checkFolder("--plot", plot, "plot.png");
        if (plot != null && TempTarget.canonical(plot).equals(TempTarget.canonical(output))) {
            throw new UserError("--plot " + plot + " is the -o file; give the picture its own name, such as "
                    + withExtension(output, ".png"));
        }

        ProcessorRegistry registry = ProcessorRegistry.load();
        CompiledNetwork net = NetworkFiles.compile(network.file, spec, registry, block, err());
        if (output != null && net.outputChannels() == 0) {
            throw new UserError(network.file + " has no AudioOutput node, so there is nothing to write to " + output
                    + " (add an AudioOutput node, or leave out -o if the network writes its own files)");
        }
        boolean prints = NetworkFiles.printTo(net, out());
        if (output == null && !NetworkFiles.writesFiles(spec) && !prints) {
            if (net.outputChannels() > 0) throw new UserError(network.file + " writes no file of its own: give -o OUT.wav");
            // what validates runs: a network of knobs alone (CLAM has some) renders, saying that nothing came of it
            err().println(network.file + ": warning: " + Messages.NOTHING_TO_SHOW);
        }
        WriteTargets targets = new WriteTargets(network.file, net, registry, inputs, "-i", "the render");
        targets.checkNotRead("-o", output);
        targets.checkNotRead("--plot", plot);
        targets.checkInputsNotWritten();
        RecordedInput input = InputFiles.load(network.file, net, inputs, loopInputs, "-i");
        double length = seconds != null ? seconds : spec.duration();
        if (!(length > 0) && input == null) throw new UserError(network.file + " has no duration attribute: give --seconds");

        // a render as long as its input has all of it: what the network delays (an STFT's hop, an oversampler's
        // filter) comes out after the input's end, which cut it off mid-sound
        double ringOut = tail != null ? parseSeconds("--tail", tail) : seconds != null ? 0
                : net.tailSeconds() + (length > 0 ? 0 : Engine.throughLatency(net) / net.sampleRate());
        // without a length of its own the render lasts as long as the longest input, to the frame
        long frames = length > 0 ? Math.round(length * net.sampleRate()) : input.frames();
        RenderResult result = renderAtomically(net, input, frames, Math.round(ringOut * net.sampleRate()), format,
                writeOptions);
        if (!quiet) summary(net, result, writeOptions, NetworkFiles.writesFiles(spec), prints);
        if (!quiet && ringOut > 0) out().println(String.format(Locale.ROOT, "tail     %.3f s of ring-out included",
                (result.frames() - frames) / net.sampleRate()));
        if (plot != null) {
            AudioData rendered = AudioFileLoader.load(output);
            SpectrogramPlot.write(rendered.channels(), rendered.sampleRate(), plot);
            if (!quiet) out().println("plot     " + plot);
        }
        if (result.failure() != null) {
            err().println("error: a processor failed during the render and was silenced from then on: "
                    + result.failure());
        }
        if (output != null) {
            warnIfClipped(output.toString(), result.clipping(), writeOptions.type() == FileType.FLAC
                    ? "write WAV or AIFF with --bits 32f" : "write --bits 32f"); // FLAC holds no floats
        }
        for (var e : net.processors().entrySet()) {
            if (e.getValue() instanceof AudioFileWriter w && w.result() != null) {
                warnIfClipped("node '" + e.getKey() + "' (" + w.result().file() + ")", w.result().clipping(),
                        "set its format to 32f");
            }
        }
        if (result.guardedSamples() > 0) {
            err().println("warning: " + result.guardedSamples() + " samples were NaN/Inf and replaced by silence"
                    + " (" + Messages.NAN_CAUSES + ")");
        }
        return result.failure() != null ? FAILED : OK;
    }

    /**
     * Renders so that {@code -o} is either the complete new file or untouched. Plain WAV/AIFF/FLAC by extension
     * goes straight through the renderer's writer (temporary file, then an atomic rename). With --format other than
     * the extension's, --dither or metadata, the render goes to a 32-bit float WAV beside the target first and is
     * then transcoded (same discipline). Ctrl-C: a shutdown hook interrupts this thread, the renderer and the
     * transcoder abort (temporary files deleted), and the hook waits for that clean-up, no longer, before the JVM
     * exits.
     */
    private RenderResult renderAtomically(CompiledNetwork net, RecordedInput input, long frames, long tailFrames,
                                          SampleFormat format, WriteOptions options)
            throws Exception {
        boolean direct = output == null || (!options.dither() && options.metadata().isEmpty()
                && options.type() == FileType.fromFileName(output));
        Path renderTo = direct ? output : output.toAbsolutePath().resolveSibling(
                "." + output.getFileName() + ".render-" + Long.toHexString(System.nanoTime()) + ".wav");
        Thread renderThread = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean shuttingDown = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            renderThread.interrupt();
            try {
                // wait for the temporary files to go, not for the thread to end: after this method it goes on to
                // System.exit, which blocks while hooks run, so joining it held the JVM for the whole timeout
                cleanedUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "conch-render-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean finished = false;
        try {
            RenderResult result;
            try (RenderProgress progress = RenderProgress.open(network.file, frames + tailFrames, net.sampleRate(), quiet, err())) {
                result = OfflineRenderer.render(net, new RenderOptions(renderTo, frames, block,
                        direct ? format : SampleFormat.FLOAT32, tailFrames, input, parseThreads(threads)), progress);
            }
            if (!direct) {
                // the clipping happens here, where the float render meets the target's integers
                Clipping clipped = Transcoder.transcode(renderTo, output, options, done -> { }).clipping();
                result = new RenderResult(output, result.frames(), result.guardedSamples(), result.wallNanos(),
                        result.failure(), clipped, result.threads());
            }
            finished = true;
            return result;
        } finally {
            try {
                if (!direct) Files.deleteIfExists(renderTo);
                if (!finished) {
                    List<String> kept = new ArrayList<>();
                    if (output != null) kept.add(output.toString());
                    for (var p : net.processors().values()) if (p.writesFile() != null) kept.add(p.writesFile().toString());
                    if (!kept.isEmpty()) {
                        boolean one = kept.size() == 1;
                        err().println((shuttingDown.get() ? "interrupted: " : "render failed: ") + String.join(", ", kept)
                                + (one ? " was" : " were") + " left untouched (the temporary file" + (one ? " was" : "s were")
                                + " deleted)");
                    }
                }
            } finally {
                cleanedUp.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it waits only for the clean-up above
            }
        }
    }

    private WriteOptions writeOptions(SampleFormat format) throws UserError {
        FileType type;
        try {
            type = fileFormat != null ? FileType.parse(fileFormat)
                    : output != null ? FileType.fromFileName(output) : FileType.WAV;
        } catch (IllegalArgumentException e) {
            throw new UserError("--format " + fileFormat + ": give wav, aiff or flac");
        }
        if (type == FileType.FLAC && format.isFloat()) {
            throw new UserError("--bits 32f: FLAC stores 16- or 24-bit integers; give --bits 16 or 24, or write WAV/AIFF");
        }
        AudioMetadata meta = new AudioMetadata(title, artist, comment, "", "");
        if (!meta.isEmpty()) {
            meta = meta.withSoftware("Conch").withDate(java.time.LocalDate.now().toString());
        }
        return new WriteOptions(type, format, dither && !format.isFloat(), 0x436F6E6368L, meta);
    }

    /** "10", "10s" or "2.5 s": seconds, at least 0. */
    private static double parseSeconds(String option, String text) throws UserError {
        String t = text.trim();
        if (t.endsWith("s")) t = t.substring(0, t.length() - 1).trim();
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && v <= 3600) return v;
        } catch (NumberFormatException ignored) {
            // fall through to the sentence below
        }
        throw new UserError(option + " " + text + ": give seconds from 0 to 3600, e.g. " + option + " 10s");
    }

    static SampleFormat parseFormat(String bits) throws UserError {
        try {
            return SampleFormat.parse(bits);
        } catch (IllegalArgumentException e) {
            throw new UserError("--bits " + bits + ": give 16, 24 or 32f");
        }
    }

    private void warnIfClipped(String what, Clipping c, String floatRemedy) {
        if (c.any()) err().println(Messages.clipped(what, c, floatRemedy));
    }

    private static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }


    /** What was written: the target the user named, in the format it was written in (never the float WAV
     * a transcoded render passes through). */
    private void summary(CompiledNetwork net, RenderResult r, WriteOptions written, boolean ownFiles, boolean prints) {
        double audioSeconds = r.frames() / net.sampleRate();
        double wallSeconds = r.wallNanos() / 1e9;
        out().println("wrote    " + (output != null ? output.toString() : ownFiles ? "(the network's own files)"
                : prints ? "nothing (its Print nodes printed above)" : "nothing"));
        out().println(String.format(Locale.ROOT, "length   %s (%d frames at %s Hz)", Messages.duration(audioSeconds),
                r.frames(), Messages.number(net.sampleRate())));
        if (output != null) {
            out().println("format   " + net.outputChannels() + (net.outputChannels() == 1 ? " channel, " : " channels, ")
                    + written.format().label() + ", " + written.type().code().toUpperCase(Locale.ROOT)
                    + (written.dither() ? ", TPDF dither" : ""));
        }
        out().println(String.format(Locale.ROOT, "time     %.3f s wall, %.1fx realtime%s", wallSeconds,
                r.realtimeFactor(net.sampleRate()), r.threads() > 1 ? ", on " + r.threads() + " threads" : ""));
    }
}
