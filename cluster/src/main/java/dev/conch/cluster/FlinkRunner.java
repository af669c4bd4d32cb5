package dev.conch.cluster;

import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.ItemResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@code conch process --runner flink-local|flink}: the batch as a Flink DataStream job in BATCH mode. Its source is
 * the items' indexes (each an input file × a variation, planned by the CLI as for the local runner), a process
 * function renders each with Conch's engine ({@link RenderItems}), and a sink writes the manifest
 * ({@link ManifestSink}); the results also come back to the CLI for its summary.
 *
 * <ul>
 *   <li>{@code flink-local}: the environment this JVM is in: an embedded MiniCluster on every core, or the cluster
 *   when the jar runs under {@code flink run};</li>
 *   <li>{@code flink} with {@code --jobmanager HOST:PORT}: submits to that cluster, shipping this jar.</li>
 * </ul>
 *
 * <p>File systems other than the local disk (S3, HDFS, ...) are Flink's: their plugins in {@code FLINK_PLUGINS_DIR}
 * (or a {@code plugins} folder where the command runs) and their settings ({@code s3.endpoint}, credentials, ...)
 * in the {@code config.yaml} of {@code FLINK_CONF_DIR}, read as Flink's own client reads them, for this JVM and
 * for the embedded MiniCluster of {@code flink-local}. A cluster reached with {@code --jobmanager} uses its own.
 * The system property {@code conch.flink.conf} stands in for {@code FLINK_CONF_DIR} in a JVM started by hand.
 */
public final class FlinkRunner implements BatchJob.Runner {
    private static Configuration configuration;
    private static String configuredFrom;
    /** Held: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final java.util.logging.Logger AWS_SDK = java.util.logging.Logger.getLogger("com.amazonaws");

    /**
     * Hadoop's S3 file system (in Flink's flink-s3-fs-hadoop) brings the AWS SDK 1.x, which prints a deprecation
     * notice with a 40-line stack trace and a warning about a missing mime.types on every run: none of it is the
     * user's to act on. Its errors still reach the user, as the failure of the file they concern.
     */
    private static void quietAwsSdk() {
        if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
            System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        }
        AWS_SDK.setLevel(java.util.logging.Level.SEVERE);
    }

    /**
     * Flink's configuration, loaded once, and Flink's file systems set up from it with their plugins, before the
     * first location is looked at: without this an {@code s3://} URI would find no endpoint or credentials here,
     * and the MiniCluster would start its file systems from an empty configuration.
     */
    static synchronized Configuration configuration() {
        quietAwsSdk();
        String dir = System.getProperty("conch.flink.conf", System.getenv("FLINK_CONF_DIR"));
        if (configuration != null && java.util.Objects.equals(dir, configuredFrom)) return configuration;
        Configuration conf = dir == null ? new Configuration() : GlobalConfiguration.loadConfiguration(dir);
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        configuration = conf;
        configuredFrom = dir;
        return conf;
    }

    @Override
    public List<String> names() {
        return List.of("flink-local", "flink");
    }

    @Override
    public List<ItemResult> run(BatchJob job, String runner, String address) throws Exception {
        // Flink finds its executors and file systems with the context class loader: from conch.jar that one cannot
        // see this jar, which the CLI opened in a class loader of its own
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FlinkRunner.class.getClassLoader());
        try {
            StreamExecutionEnvironment env = environment(runner, address, configuration());
            try {
                return runIn(env, job);
            } catch (Exception e) {
                String tooNew = javaTooNew(e);
                if (tooNew != null) throw new IOException(tooNew, e);
                if (address == null) throw e;
                throw new IOException("the Flink cluster at " + address + " did not run the batch: " + rootCause(e)
                        + " (check --jobmanager HOST:PORT, the REST address of its JobManager)", e);
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public List<String> filesIn(String folderUri, boolean recursive) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FlinkRunner.class.getClassLoader());
        try {
            configuration();
            return Locations.filesIn(folderUri, recursive);
        } catch (IOException | RuntimeException e) {
            String tooNew = javaTooNew(e);
            if (tooNew != null) throw new IOException(tooNew, e);
            throw e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The sentence for Hadoop's file systems (S3 through flink-s3-fs-hadoop, HDFS) on a Java that refuses them, or
     * null: they call {@code Subject.getSubject}, which Java 24 and newer throw on ("getSubject is not supported"),
     * a message that says nothing of what to do. The launcher keeps the Flink runners on the PATH's Java for this;
     * this is for a Java chosen by hand.
     */
    static String javaTooNew(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedOperationException && String.valueOf(t.getMessage()).contains("getSubject")) {
                return "Hadoop's file systems (S3 through flink-s3-fs-hadoop, HDFS) do not run on Java "
                        + Runtime.version().feature() + ": they call Subject.getSubject, which Java 24 and newer refuse; "
                        + "run the Flink runner on Java 17 or 21 (CONCH_JAVA=/path/to/java)";
            }
        }
        return null;
    }

    private static List<ItemResult> runIn(StreamExecutionEnvironment env, BatchJob job) throws Exception {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        DataStream<byte[]> results = env.fromSequence(0, job.items().size() - 1L)
                .rebalance()
                .process(new RenderItems(job), PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("render");
        results.sinkTo(new ManifestSink(job)).setParallelism(1).name("manifest");
        ItemResult[] ordered = new ItemResult[job.items().size()];
        CloseableIterator<byte[]> it = results.collectAsync();
        JobClient client = env.executeAsync("conch process " + job.network());
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread cancel = new Thread(() -> {
            cancelled.set(true);
            cancelAndWait(client);
        }, "conch-flink-cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        try (it) {
            while (it.hasNext()) {
                Rendered r = Rendered.decode(it.next());
                ordered[r.index()] = r.result();
            }
        } catch (RuntimeException e) {
            if (cancelled.get()) throw new InterruptedException("the Flink job was cancelled");
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is cancelling the job
            }
        }
        return List.of(ordered);
    }

    /**
     * Ctrl-C: cancels the job and waits until it has stopped. Cancelling interrupts every task's render, which
     * deletes its temporary file and leaves its target as it was, as the local runner does; without this the JVM
     * ended with the renders in flight and their temporary files stayed.
     */
    private static void cancelAndWait(JobClient client) {
        try {
            client.cancel().get(10, TimeUnit.SECONDS);
            client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
        } catch (Exception stoppedOrTimedOut) {
            // a cancelled job's result is an exception: it has stopped, which is what we waited for
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static StreamExecutionEnvironment environment(String runner, String address, Configuration conf) throws Exception {
        if (runner.equals("flink-local")) return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (address == null) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            if (env instanceof LocalStreamEnvironment) {
                throw new IllegalArgumentException("--runner flink submits to a cluster: give --jobmanager HOST:PORT "
                        + "(or run the cluster jar with flink run)");
            }
            return env;
        }
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--jobmanager " + address + ": give HOST:PORT, such as localhost:8081");
        }
        String host = address.substring(0, colon);
        answers(host, port);
        return StreamExecutionEnvironment.createRemoteEnvironment(host, port, ownJar());
    }

    /**
     * Flink's REST client retries a refused connection for more than a minute before it gives up, in silence: a
     * mistyped address or a stopped cluster is told at once instead.
     */
    private static void answers(String host, int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            throw new IOException("nothing answers at " + host + ":" + port + " (" + e.getMessage()
                    + "): is the cluster running, and is that its JobManager's REST port (8081 unless configured)?", e);
        }
    }

    /**
     * The jar this class came from: what the cluster's task managers load the job's classes from. Run from a classes
     * folder (the module's tests, an IDE) there is no jar to ship, so the folder is packed into a temporary one.
     */
    private static String ownJar() throws URISyntaxException, IOException {
        Path location = Path.of(FlinkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(location) ? packed(location).toString() : location.toString();
    }

    private static Path packed(Path classes) throws IOException {
        Path jar = Files.createTempFile("conch-cluster-", ".jar");
        jar.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
