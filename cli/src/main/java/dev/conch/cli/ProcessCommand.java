package dev.conch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.conch.engine.batch.BatchItem;
import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.BatchRenderer;
import dev.conch.engine.batch.ItemResult;
import dev.conch.engine.batch.Manifest;
import dev.conch.engine.batch.Variation;
import dev.conch.engine.batch.Vary;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.io.FileType;
import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.runtime.JsonText;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conch process NET.xml IN... -o OUTDIR/}: every input through the network, and every variation of its params,
 * on every core of this machine or on a Flink cluster. Everything the user can get wrong is checked before the first
 * file is written; after that a failing file is its own failure and the rest go on.
 */
@Command(name = "process", sortOptions = false,
        description = "Run many files, or many variations of a network's params, through a network, on every core.",
        footer = {"", "Examples:",
                "  conch process networks/glass-shaper.xml takes/ -o shaped/",
                "  conch process networks/glass-shaper.xml 'takes/*.wav' -o shaped/ --format flac --jobs 4",
                "  conch process networks/bench/p1-drone.xml -o drones/ --seconds 10 --count 100 --seed 7 \\",
                "        --vary 'saw.frequency=loguniform(40,400)' --vary 'shape.drive=range(1,4,0.5)'"})
final class ProcessCommand extends CliCommand {
    @Mixin
    NetworkArgs network;

    @Parameters(index = "1..*", paramLabel = "IN",
            description = "input files, folders (their sound files) or quoted globs such as 'takes/*.wav', for the "
                    + "network's AudioInput; none for a network that makes its own sound")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-r", "--recursive"},
            description = "take the sound files in the folders' sub-folders too; each output goes in the same "
                    + "sub-folder of OUTDIR, so the tree is kept")
    boolean recursive;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR", required = true,
            description = "folder for the outputs (created if only it is missing): each keeps its input's name, "
                    + "with -v0001... when params vary; manifest.csv and manifest.json go beside them. With a Flink "
                    + "runner it may be a URI of a Flink file system, such as s3://bucket/out")
    String outDir;

    @Option(names = "--format", paramLabel = "wav|aiff|flac",
            description = "container of the outputs (default: the input's when Conch writes it, else WAV)")
    String fileFormat;

    @Option(names = "--bits", paramLabel = "16|24|32f", defaultValue = "24",
            description = "sample format of the outputs: 16 or 24 bit PCM, or 32-bit float (default: ${DEFAULT-VALUE})")
    String bits;

    @Option(names = "--jobs", paramLabel = "N",
            description = "files rendered at once, each with an engine of its own (default: the number of cores)")
    Integer jobs;

    @Option(names = "--force", description = "render outputs that are already there again (default: keep them, so an "
            + "interrupted batch resumes)")
    boolean force;

    @Option(names = "--vary", paramLabel = "NODE.PARAM=SPEC",
            description = "vary a param across outputs: a list 110,220,440, range(40,80,5), or a draw per variation: "
                    + "uniform(a,b), loguniform(a,b), choice(x,y,z); a file param takes a list or choice of files; "
                    + "repeatable (lists and ranges combine)")
    List<String> varies = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "variations per combination of the lists and ranges, each drawing the distributions anew "
                    + "(default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the draws: the same seed gives the same outputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--seconds", paramLabel = "S",
            description = "length of each output (default: its input's, else the network's duration)")
    Double seconds;

    @Option(names = "--tail", paramLabel = "S",
            description = "at most this many seconds after the end for echoes to ring out (default as render)")
    Double tail;

    /**
     * Larger than render's 512: a batch has no listener waiting for its first block, and each block's fixed work
     * (the schedule's passes, the writer's and the reader's calls) then weighs an eighth as much (200 files: about
     * a tenth less CPU).
     */
    @Option(names = "--block", paramLabel = "N", defaultValue = "4096",
            description = "frames per engine callback, 1..8192 (default: ${DEFAULT-VALUE}); the outputs do not depend on it")
    int block;

    @Option(names = "--runner", paramLabel = "local|flink-local|flink", defaultValue = "local",
            description = "where the batch runs: this JVM's threads, an embedded Flink MiniCluster on every core, or "
                    + "the Flink cluster at --jobmanager (or the one flink run gives); the Flink runners need the cluster "
                    + "module's jar, see the README")
    String runner;

    @Option(names = "--jobmanager", paramLabel = "HOST:PORT", description = "the Flink cluster of --runner flink")
    String jobManager;

    @Option(names = "--json", description = "print a JSON report of every file on stdout, for scripts")
    boolean json;

    @Option(names = {"-n", "--dry-run"},
            description = "say what would be rendered (each output, its input and params, and whether it is there "
                    + "already) after every check, and write nothing")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary, only warnings and failures")
    boolean quiet;

    @Override
    int run() throws Exception {
        checkOptions();
        BatchJob.Runner cluster = runner.equals("local") ? null : ClusterRunners.onClassPath(runner);
        if (!runner.equals("local") && cluster == null) {
            return ClusterRunners.relaunch(this.spec.commandLine().getParseResult().originalArgs());
        }
        NetworkSpec spec = network.load();
        ProcessorRegistry registry = ProcessorRegistry.load();
        BatchJob job = plan(spec, registry, cluster);
        if (dryRun) return dryRun(job);
        long start = System.nanoTime();
        List<ItemResult> results = cluster == null ? runLocally(job, spec, registry) : runOn(cluster, job);
        long wall = System.nanoTime() - start;
        if (cluster == null) writeManifest(job, results); // a cluster's sink writes it there
        BatchReport report = new BatchReport(job, results, wall);
        if (json) {
            out().print(report.json());
            out().flush();
        } else if (!quiet) {
            report.summary(out());
        }
        report.clipped(err());
        report.guarded(err());
        report.failures(err());
        return report.anyFailed() ? FAILED : OK;
    }

    /** An output of a dry run, and whether it is there already (kept, unless --force). */
    private record Planned(BatchItem item, boolean kept) {
        Map<String, Object> json() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("output", item.output());
            o.put("input", item.input());
            o.put("params", item.variation() == null ? Map.of() : item.variation().values());
            o.put("kept", kept);
            return o;
        }

        /** {@code drums/kick.wav  <-  lib/drums/kick.wav  shape.drive=2  (there already: kept)} */
        String line() {
            StringBuilder line = new StringBuilder(item.output());
            if (item.input() != null) line.append("  <-  ").append(item.input());
            if (item.variation() != null) {
                item.variation().values().forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
            }
            if (kept) line.append("  (there already: kept)");
            return line.toString();
        }
    }

    /**
     * What the batch would do, one line per output (or the same as JSON): its input, its params, and whether it is
     * there already and so kept (unless --force). Nothing is written, not even the output folder.
     */
    private int dryRun(BatchJob job) throws IOException {
        boolean local = !BatchInputs.isUri(outDir);
        List<Planned> planned = new ArrayList<>();
        for (BatchItem item : job.items()) {
            planned.add(new Planned(item, local && !force && Files.exists(Path.of(outDir).resolve(item.output()))));
        }
        long kept = planned.stream().filter(Planned::kept).count();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("network", job.network());
            report.put("outDir", outDir);
            report.put("files", planned.size());
            report.put("toRender", planned.size() - kept);
            report.put("kept", kept);
            report.put("items", planned.stream().map(Planned::json).toList());
            out().println(JsonText.of(report));
        } else {
            for (Planned p : planned) out().println(p.line());
            out().println("dry run: " + planned.size() + (planned.size() == 1 ? " file" : " files") + " into " + outDir
                    + ", " + (planned.size() - kept) + " to render, " + kept + " there already; nothing written");
        }
        out().flush();
        return OK;
    }

    /** The options on their own, before any file is read. */
    private void checkOptions() throws UserError {
        checkBlock(block);
        int jobCount = jobCount();
        if (jobCount < 1 || jobCount > 1024) throw new UserError("--jobs " + jobCount + ": give 1 to 1024 jobs");
        fileType(RenderCommand.parseFormat(bits));
        if (seconds != null && !(seconds > 0 && seconds <= NetworkSpec.MAX_DURATION)) {
            throw new UserError("--seconds " + seconds + ": give a duration above 0 and at most 24 hours ("
                    + Messages.number(NetworkSpec.MAX_DURATION) + ")");
        }
        if (tail != null && !(tail >= 0 && tail <= 3600)) throw new UserError("--tail " + tail + ": give seconds from 0 to 3600");
        if (count < 1) throw new UserError("--count " + count + ": give 1 or more variations");
        if (count > 1 && varies.isEmpty()) throw new UserError("--count " + count + " repeats the draws of --vary: give --vary too");
        if (!runner.equals("local") && !ClusterRunners.NAMES.contains(runner)) {
            throw new UserError("--runner " + runner + ": give local, flink-local or flink");
        }
        if (!runner.equals("flink") && jobManager != null) throw new UserError("--jobmanager is for --runner flink");
        if (runner.equals("local") && BatchInputs.isUri(outDir)) {
            throw new UserError("-o " + outDir + ": a URI is for the Flink runners (--runner flink-local or flink); give "
                    + "a folder here");
        }
    }

    private int jobCount() {
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Every item of the batch, checked against the network: what the user can get wrong is refused here, before the
     * output folder is made and anything written.
     */
    private BatchJob plan(NetworkSpec spec, ProcessorRegistry registry, BatchJob.Runner cluster)
            throws UserError, IOException {
        SampleFormat format = RenderCommand.parseFormat(bits);
        CompiledNetwork net = NetworkFiles.compile(network.file, spec, registry, block, err());
        checkNoWriters(net);
        List<Variation> variations = variations(spec, registry);
        List<BatchInputs.Input> found = BatchInputs.expand(inputs, cluster, recursive,
                recursive && !BatchInputs.isUri(outDir) ? Path.of(outDir) : null);
        List<String> files = found.stream().map(BatchInputs.Input::path).toList();
        checkInputs(net, files);
        if (files.isEmpty() && seconds == null && !(spec.duration() > 0)) {
            throw new UserError(network.file + " has no duration attribute: give --seconds");
        }
        List<BatchItem> items;
        try {
            items = BatchItem.plan(network.file, files, found.stream().map(BatchInputs.Input::name).toList(), variations,
                    fileType(format));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!BatchInputs.isUri(outDir)) checkNothingReadIsWrittenOver(items, net, registry);
        if (!recursive && !quiet) {
            for (String folder : BatchInputs.foldersWithSoundBelow(inputs)) {
                err().println("note: " + folder + " has sub-folders with sound files, left out; add --recursive to take "
                        + "them too");
            }
        }
        if (!BatchInputs.isUri(outDir) && !dryRun) prepareOutDir(items);
        List<String> params = variations.isEmpty() ? List.of() : new ArrayList<>(variations.get(0).values().keySet());
        // as text the network forgets its folder: its file paths travel absolute, to mean the same files everywhere
        return new BatchJob(network.file, NetworkXml.write(FilePaths.absolute(spec, registry)),
                new BatchRenderer.Settings(format, block, seconds != null ? seconds : 0, tail != null ? tail : -1), items,
                outDir, force, seed, params);
    }

    /**
     * Runs on Flink: Ctrl-C cancels the job (the runner's own hook), whose tasks delete their temporary files as the
     * local jobs do. A second hook holds the JVM until this thread has said so: without it the JVM could end as
     * soon as the job was cancelled, before the sentence was printed (FlinkInterruptTest saw it once).
     */
    private List<ItemResult> runOn(BatchJob.Runner cluster, BatchJob job) throws Exception {
        CountDownLatch said = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                said.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "conch-process-flink-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return cluster.run(job, runner, jobManager);
        } catch (InterruptedException e) {
            err().println(INTERRUPTED);
            err().flush();
            throw e;
        } finally {
            said.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it waited only for the sentence above
            }
        }
    }

    private static final String INTERRUPTED = "interrupted: the files being rendered were left as they were (temporary "
            + "files deleted); run the same command again to resume";

    /**
     * Runs on this JVM's threads. Ctrl-C: a shutdown hook interrupts this thread, which stops every job (each deletes
     * its temporary file and leaves its target as it was), says so, and only then lets the hook return.
     */
    private List<ItemResult> runLocally(BatchJob job, NetworkSpec spec, ProcessorRegistry registry)
            throws InterruptedException {
        Thread main = Thread.currentThread();
        AtomicBoolean shuttingDown = new AtomicBoolean();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            main.interrupt();
            try {
                cleanedUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "conch-process-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        // Print nodes print each item's lines after its file's name; with --json on standard error, which the JSON
        // report does not share
        PrintWriter prints = json ? err() : out();
        BatchRenderer renderer = new BatchRenderer(network.file, spec, registry, job.settings())
                .whenCompiled((item, net) -> NetworkFiles.printTo(net, prints, item.output() + ": "));
        try (LocalBatch batch = new LocalBatch(Math.min(jobCount(), job.items().size()));
             BatchProgress progress = BatchProgress.open(job.items().size(), quiet || json)) {
            return batch.run(job, renderer, progress);
        } catch (InterruptedException e) {
            err().println(shuttingDown.get() ? INTERRUPTED : INTERRUPTED.replace("interrupted: ", "stopped: "));
            throw e;
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it waits only for the clean-up above
            }
        }
    }

    private void writeManifest(BatchJob job, List<ItemResult> results) throws IOException {
        Manifest m = new Manifest(job.network(), job.seed(), job.params(), results);
        TempTarget.writeAtomically(Path.of(outDir).resolve(Manifest.CSV), m.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TempTarget.writeAtomically(Path.of(outDir).resolve(Manifest.JSON), m.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private FileType fileType(SampleFormat format) throws UserError {
        if (fileFormat == null) return null;
        FileType t;
        try {
            t = FileType.parse(fileFormat);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format " + fileFormat + ": give wav, aiff or flac");
        }
        if (t == FileType.FLAC && format.isFloat()) {
            throw new UserError("--bits 32f: FLAC stores 16- or 24-bit integers; give --bits 16 or 24, or write WAV/AIFF");
        }
        return t;
    }

    private List<Variation> variations(NetworkSpec spec, ProcessorRegistry registry) throws UserError {
        List<Vary> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String v : varies) {
            try {
                specs.add(Vary.parse(v, spec, registry));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new UserError(problems);
        if (specs.isEmpty()) return List.of();
        try {
            return Variation.of(specs, count, seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Inputs and the network's AudioInput must go together; the files themselves are each job's to read. */
    private void checkInputs(CompiledNetwork net, List<String> files) throws UserError {
        boolean takesInput = net.inputChannels() > 0;
        if (takesInput && files.isEmpty()) {
            throw new UserError(network.file + " takes sound in (" + net.inputChannels() + " channels): give input files, "
                    + "folders or globs after it, e.g. conch process " + network.file + " takes/ -o out/");
        }
        if (!takesInput && !files.isEmpty()) {
            throw new UserError(network.file + " has no AudioInput node, so " + files.get(0) + " would not be heard; add "
                    + "an AudioInput node, or leave out the inputs");
        }
    }

    /**
     * An output folder that holds inputs under their outputs' names (the inputs' own folder, say) would have those
     * inputs written over by the batch, or, without --force, kept as though they were outputs; so would a file a
     * node reads there (an impulse response, a sample).
     */
    private void checkNothingReadIsWrittenOver(List<BatchItem> items, CompiledNetwork net, ProcessorRegistry registry)
            throws UserError {
        Map<Path, String> inputsRead = new HashMap<>();
        for (BatchItem item : items) {
            if (item.input() != null && !BatchInputs.isUri(item.input())) {
                for (Path key : FilePaths.overwrittenBy(Path.of(item.input()))) inputsRead.putIfAbsent(key, item.input());
            }
        }
        Map<Path, FilePaths.FileUser> nodesRead = FilePaths.users(net, registry);
        Path dir = Path.of(outDir);
        for (BatchItem item : items) {
            Path target = TempTarget.canonical(dir.resolve(item.output()));
            String input = inputsRead.get(target);
            if (input != null) {
                throw new UserError("-o " + outDir + ": " + input + " would be written over by "
                        + (input.equals(item.input()) ? "its own output" : "the output of " + item.input())
                        + "; give another output folder");
            }
            FilePaths.FileUser user = nodesRead.get(target);
            if (user != null) {
                throw new UserError(network.file + ": node '" + user.node() + "' reads " + user.file() + ", which the "
                        + "output of " + (item.input() != null ? item.input() : "variation " + item.output())
                        + " would write over; give another output folder");
            }
        }
    }

    /** Every job would write the same file of the network's own, each over the last. */
    private void checkNoWriters(CompiledNetwork net) throws UserError {
        for (var e : net.processors().entrySet()) {
            if (e.getValue().writesFile() != null) {
                throw new UserError(network.file + ": node '" + e.getKey() + "' writes " + e.getValue().writesFile()
                        + ", which every file of the batch would write over; remove the node, or use conch render");
            }
        }
    }

    /**
     * The folder is checked by writing in it (permissions alone lie to root and on network drives), then created, with
     * the sub-folders of {@code items} whose outputs keep their input's place in a tree ({@code --recursive}).
     */
    private void prepareOutDir(List<BatchItem> items) throws UserError {
        Path dir = Path.of(outDir).toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("-o " + outDir + ": is a file, not a folder; give a folder for the outputs");
        }
        Path parent = dir.getParent();
        if (!Files.isDirectory(dir) && (parent == null || !Files.isDirectory(parent))) {
            throw new UserError("-o " + outDir + ": neither the folder nor its parent " + parent + " exists (only the "
                    + "last folder is created)");
        }
        Path probeIn = Files.isDirectory(dir) ? dir : parent;
        try {
            Files.delete(Files.createTempFile(probeIn, ".conch-probe-", ""));
        } catch (IOException e) {
            throw new UserError("-o " + outDir + ": cannot write in " + probeIn + " (" + Messages.ioReason(e) + ")");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("-o " + outDir + ": cannot create it (" + Messages.ioReason(e) + ")");
        }
        for (BatchItem item : items) {
            Path sub = dir.resolve(item.output()).getParent();
            if (sub.equals(dir)) continue;
            try {
                Files.createDirectories(sub);
            } catch (IOException e) {
                throw new UserError("-o " + outDir + ": cannot create its folder " + sub + " (" + Messages.ioReason(e) + ")");
            }
        }
    }
}
