package dev.conch.cluster;

import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.ItemResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
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
 */
public final class FlinkRunner implements BatchJob.Runner {
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
            StreamExecutionEnvironment env = environment(runner, address);
            try {
                return runIn(env, job);
            } catch (Exception e) {
                if (address == null) throw e;
                throw new IOException("the Flink cluster at " + address + " did not run the batch: " + rootCause(e)
                        + " (check --jobmanager HOST:PORT, the REST address of its JobManager)", e);
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public List<String> filesIn(String folderUri) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FlinkRunner.class.getClassLoader());
        try {
            return Locations.filesIn(folderUri);
        } finally {
            thread.setContextClassLoader(before);
        }
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

    private static StreamExecutionEnvironment environment(String runner, String address) throws Exception {
        if (runner.equals("flink-local")) return StreamExecutionEnvironment.getExecutionEnvironment();
        if (address == null) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
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
