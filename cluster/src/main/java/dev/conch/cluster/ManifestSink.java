package dev.conch.cluster;

import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.ItemResult;
import dev.conch.engine.batch.Manifest;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The job's sink, run as one task: gathers every item's result and, at the end of the input, writes the manifest
 * beside the outputs through Flink's file systems, in the batch's order, so it is the same text {@code conch
 * process} writes locally.
 */
final class ManifestSink implements Sink<byte[]> {
    private final BatchJob job;

    ManifestSink(BatchJob job) {
        this.job = job;
    }

    @Override
    public SinkWriter<byte[]> createWriter(WriterInitContext context) {
        return new Writer(job);
    }

    private static final class Writer implements SinkWriter<byte[]> {
        private final BatchJob job;
        private final ItemResult[] results;
        private boolean written;

        Writer(BatchJob job) {
            this.job = job;
            this.results = new ItemResult[job.items().size()];
        }

        @Override
        public void write(byte[] element, Context context) {
            Rendered r = Rendered.decode(element);
            results[r.index()] = r.result();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput || written) return;
            List<ItemResult> all = Arrays.stream(results).filter(r -> r != null).toList();
            if (all.size() != results.length) {
                throw new IOException((results.length - all.size()) + " of " + results.length + " items never reached "
                        + "the manifest (a bug: every item emits one result)");
            }
            Manifest m = new Manifest(job.network(), job.seed(), job.params(), all);
            Locations.write(Locations.child(job.outDir(), Manifest.CSV), m.csv().getBytes(StandardCharsets.UTF_8));
            Locations.write(Locations.child(job.outDir(), Manifest.JSON), m.json().getBytes(StandardCharsets.UTF_8));
            written = true;
        }

        @Override
        public void close() {
            // nothing held open: the manifest is written whole in flush
        }
    }
}
