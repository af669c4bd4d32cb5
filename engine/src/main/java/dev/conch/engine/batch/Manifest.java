package dev.conch.engine.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.conch.engine.runtime.JsonText;

/**
 * The record a batch leaves beside its outputs ({@value #CSV} and {@value #JSON}), so a dataset can be traced and
 * rebuilt: for every output written or kept, its input, its varied params, the seed they were drawn from, and its
 * duration, peak and RMS. Failed items have no row (the batch's summary lists them). The text depends only on the
 * batch's arguments and the files, never on timing or on which job rendered what: the local and the Flink runner
 * write the same bytes.
 */
public final class Manifest {
    public static final String CSV = "manifest.csv";
    public static final String JSON = "manifest.json";

    private final String network;
    private final long seed;
    private final List<String> params;
    private final List<ItemResult> rows = new ArrayList<>();

    /**
     * @param params the varied params' keys ("node.param"), the order of the {@code --vary} options
     * @param results every item's result, in the batch's order
     */
    public Manifest(String network, long seed, List<String> params, List<ItemResult> results) {
        this.network = network;
        this.seed = seed;
        this.params = List.copyOf(params);
        for (ItemResult r : results) if (r.status() != ItemResult.Status.FAILED) rows.add(r);
    }

    public String csv() {
        StringBuilder sb = new StringBuilder("file,input,seed,seconds,frames,sample_rate,peak,rms");
        for (String p : params) sb.append(',').append(field(p));
        sb.append('\n');
        for (ItemResult r : rows) {
            BatchItem i = r.item();
            Levels l = r.levels();
            sb.append(field(i.output())).append(',').append(field(i.input() == null ? "" : i.input())).append(',')
                    .append(i.variation() == null ? "" : Long.toString(i.variation().seed())).append(',')
                    .append(l.seconds()).append(',').append(l.frames()).append(',').append(number(l.sampleRate()))
                    .append(',').append(l.peak()).append(',').append(l.rms());
            for (String p : params) sb.append(',').append(field(i.variation() == null ? "" : i.variation().values().get(p)));
            sb.append('\n');
        }
        return sb.toString();
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", network);
        root.put("seed", seed);
        root.put("params", params);
        List<Map<String, Object>> files = new ArrayList<>();
        for (ItemResult r : rows) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", r.item().output());
            f.put("input", r.item().input());
            f.put("seed", r.item().variation() == null ? null : r.item().variation().seed());
            f.put("params", r.item().variation() == null ? Map.of() : r.item().variation().values());
            f.put("seconds", r.levels().seconds());
            f.put("frames", r.levels().frames());
            f.put("sampleRate", r.levels().sampleRate());
            f.put("peak", r.levels().peak());
            f.put("rms", r.levels().rms());
            files.add(f);
        }
        root.put("files", files);
        return JsonText.of(root) + "\n";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String field(String s) {
        if (s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "manifest of %d files", rows.size());
    }
}
