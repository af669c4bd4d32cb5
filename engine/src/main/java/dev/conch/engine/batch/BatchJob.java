package dev.conch.engine.batch;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.xml.NetworkXml;

import java.io.Serializable;
import java.util.List;

/**
 * A whole batch as a runner receives it: everything needed to render any of its items on any machine, and nothing
 * tied to this one (the network travels as XML text, with {@code --set} and {@code --rate} already applied).
 *
 * @param network    the network's file as the user named it (sentences, manifest)
 * @param networkXml the network to render
 * @param items      every output, in the batch's order
 * @param outDir     the output folder: a local path, or a URI of a Flink file system ({@code s3://...})
 * @param force      render over outputs that are already there
 * @param seed       the batch's {@code --seed}
 * @param params     the varied params' keys, in {@code --vary} order (the manifest's columns)
 */
public record BatchJob(String network, String networkXml, BatchRenderer.Settings settings, List<BatchItem> items,
                       String outDir, boolean force, long seed, List<String> params) implements Serializable {
    public BatchJob {
        items = List.copyOf(items);
        params = List.copyOf(params);
    }

    /** The network, read back from its text. */
    public NetworkSpec spec() {
        try {
            return NetworkXml.read(networkXml, network);
        } catch (NetworkException e) {
            throw new IllegalStateException(network + " no longer reads back from its own text (a bug): " + e.getMessage(), e);
        }
    }

    /**
     * Runs a batch somewhere else than on this JVM's threads: the {@code cluster} module's Flink runners, found with
     * {@link java.util.ServiceLoader} only when {@code --runner} names one, so Flink never loads otherwise.
     */
    public interface Runner {
        /** The {@code --runner} names it answers to. */
        List<String> names();

        /**
         * Renders every item not already there (unless {@link #force}), writes the outputs and the manifest into
         * {@link #outDir}, and returns every item's result in the batch's order.
         *
         * @param runner  the name given to {@code --runner}
         * @param address the cluster's {@code HOST:PORT} for a remote runner, or null
         */
        List<ItemResult> run(BatchJob job, String runner, String address) throws Exception;

        /**
         * The files directly in the folder {@code folderUri} ({@code s3://bucket/takes/}) of a file system this
         * runner reads, and with {@code recursive} those in its sub-folders too, as URIs, sorted: what a folder or a
         * glob among {@code process}'s inputs stands for.
         *
         * @throws java.io.FileNotFoundException when there is no such folder
         */
        List<String> filesIn(String folderUri, boolean recursive) throws java.io.IOException;
    }
}
