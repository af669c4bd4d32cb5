package dev.conch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.conch.engine.batch.BatchJob;
import dev.conch.engine.batch.ItemResult;
import dev.conch.engine.runtime.JsonText;

/** What a batch did, for people (the summary, then each failure's sentence) and for scripts ({@code --json}). */
final class BatchReport {
    private final BatchJob job;
    private final List<ItemResult> results;
    private final long wallNanos;

    BatchReport(BatchJob job, List<ItemResult> results, long wallNanos) {
        this.job = job;
        this.results = results;
        this.wallNanos = wallNanos;
    }

    private long count(ItemResult.Status s) {
        return results.stream().filter(r -> r.status() == s).count();
    }

    /** Audio seconds rendered by this run (kept files not counted). */
    private double renderedSeconds() {
        return results.stream().filter(r -> r.status() == ItemResult.Status.DONE).mapToDouble(ItemResult::seconds).sum();
    }

    boolean anyFailed() {
        return count(ItemResult.Status.FAILED) > 0;
    }

    void summary(PrintWriter out) {
        out.println(String.format(Locale.ROOT, "processed %d file%s into %s: %d rendered, %d kept (already there), %d failed",
                results.size(), results.size() == 1 ? "" : "s", job.outDir(), count(ItemResult.Status.DONE),
                count(ItemResult.Status.SKIPPED), count(ItemResult.Status.FAILED)));
        out.println(String.format(Locale.ROOT, "audio    %s rendered in %.3f s wall (%.2f audio hours per minute)",
                Messages.duration(renderedSeconds()), wallNanos / 1e9,
                BatchProgress.hoursPerMinute(renderedSeconds(), wallNanos)));
    }

    /**
     * The files whose 16 or 24-bit samples were cut at full scale, one line each after a line that counts them, as
     * render warns of its one file: a dataset's clipped files are otherwise found only by a peak of 1 in the manifest.
     */
    void clipped(PrintWriter err) {
        List<ItemResult> clipped = results.stream().filter(r -> r.clipping().any()).toList();
        if (clipped.isEmpty()) return;
        err.println("warning: " + clipped.size() + " of " + results.size() + " files clipped; write --bits 32f to keep "
                + "the samples beyond full scale, or lower the gain:");
        for (ItemResult r : clipped) {
            err.println(String.format(Locale.ROOT, "  %s: %d sample%s clipped (peak %+.1f dBFS)", r.item().output(),
                    r.clipping().samples(), r.clipping().samples() == 1 ? "" : "s", r.clipping().peakDbfs()));
        }
    }

    /** The files with NaN or infinite samples, written as silence, as render warns of its one file. */
    void guarded(PrintWriter err) {
        List<ItemResult> guarded = results.stream().filter(r -> r.guarded() > 0).toList();
        if (guarded.isEmpty()) return;
        err.println("warning: " + guarded.size() + " of " + results.size() + " files had samples that were NaN/Inf, "
                + "replaced by silence (" + Messages.NAN_CAUSES + "):");
        for (ItemResult r : guarded) {
            err.println("  " + r.item().output() + ": " + r.guarded() + " sample" + (r.guarded() == 1 ? "" : "s")
                    + (r.item().variation() != null ? " (with " + r.item().variation().values() + ")" : ""));
        }
    }

    /** Each failure's sentence on stderr, after a line that counts them. */
    void failures(PrintWriter err) {
        long failed = count(ItemResult.Status.FAILED);
        if (failed == 0) return;
        err.println(failed + " of " + results.size() + " failed:");
        for (ItemResult r : results) if (r.status() == ItemResult.Status.FAILED) err.println("  " + r.failure());
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", job.network());
        root.put("outDir", job.outDir());
        root.put("files", results.size());
        root.put("rendered", count(ItemResult.Status.DONE));
        root.put("kept", count(ItemResult.Status.SKIPPED));
        root.put("failed", count(ItemResult.Status.FAILED));
        root.put("clipped", results.stream().filter(r -> r.clipping().any()).count());
        root.put("audioSeconds", renderedSeconds());
        root.put("wallSeconds", wallNanos / 1e9);
        root.put("audioHoursPerMinute", BatchProgress.hoursPerMinute(renderedSeconds(), wallNanos));
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", r.item().output());
            m.put("input", r.item().input());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            if (r.item().variation() != null) m.put("params", r.item().variation().values());
            if (r.levels() != null) {
                m.put("seconds", r.levels().seconds());
                m.put("peak", r.levels().peak());
                m.put("rms", r.levels().rms());
            }
            if (r.guarded() > 0) m.put("nanSamples", r.guarded());
            if (r.clipping().any()) {
                m.put("clippedSamples", r.clipping().samples());
                m.put("clippedPeak", r.clipping().peak());
            }
            if (r.failure() != null) m.put("failure", r.failure());
            items.add(m);
        }
        root.put("items", items);
        return JsonText.of(root) + "\n";
    }
}
