package dev.conch.cluster;

import dev.conch.engine.batch.BatchItem;
import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.BatchRenderer;
import dev.conch.engine.batch.ItemResult;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.processors.control.Printers;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The job's process function: renders the item at each index it receives with Conch's engine, exactly as
 * {@code conch process} does on one machine ({@link BatchRenderer}: an engine compiled per item), and writes the
 * output into the job's folder. Emits the item's {@link Rendered} result, encoded.
 */
final class RenderItems extends ProcessFunction<Long, byte[]> {
    private final BatchJob job;
    private transient BatchRenderer renderer;
    private transient Path scratch;

    RenderItems(BatchJob job) {
        this.job = job;
    }

    @Override
    public void open(OpenContext context) throws IOException {
        // a network's Print lines, as `conch process` prints them: labelled with their item's file, and on standard
        // error, where a task manager logs them and an embedded cluster leaves the CLI's --json report alone
        renderer = new BatchRenderer(job.network(), job.spec(), ProcessorRegistry.load(RenderItems.class.getClassLoader()),
                job.settings()).whenCompiled((item, net) -> Printers.printAllTo(net.processors().values(), line -> {
                    synchronized (System.err) {
                        System.err.println(item.output() + ": " + line);
                    }
                }));
        scratch = Files.createTempDirectory("conch-flink-");
    }

    @Override
    public void processElement(Long index, Context context, Collector<byte[]> out) throws Exception {
        BatchItem item = job.items().get(index.intValue());
        out.collect(new Rendered(index.intValue(), render(item)).encode());
    }

    private ItemResult render(BatchItem item) throws InterruptedException, IOException {
        String target = Locations.child(job.outDir(), item.output());
        boolean local = Locations.isLocal(target);
        if (!job.force() && Locations.exists(target)) {
            return BatchRenderer.kept(item, local ? Locations.local(target) : Locations.fetch(target, scratch));
        }
        Path input;
        try {
            input = item.input() == null ? null : Locations.fetch(item.input(), scratch);
        } catch (IOException e) {
            return ItemResult.failed(item, item.input() + ": cannot be read (" + e.getMessage() + ")", 0);
        }
        try {
            if (local) {
                Files.createDirectories(Locations.local(target).getParent()); // a sub-folder of --recursive's tree
                return renderer.render(item, input, Locations.local(target), frames -> { });
            }
            Path rendered = scratch.resolve(item.output());
            Files.createDirectories(rendered.getParent());
            ItemResult r = renderer.render(item, input, rendered, frames -> { });
            if (r.status() == ItemResult.Status.DONE) Locations.publish(rendered, target);
            Files.deleteIfExists(rendered);
            return r;
        } finally {
            if (input != null && !Locations.isLocal(item.input())) Files.deleteIfExists(input);
        }
    }

    @Override
    public void close() throws IOException {
        if (scratch == null) return;
        try (Stream<Path> left = Files.walk(scratch)) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
