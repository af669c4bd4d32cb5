package dev.conch.engine.batch;

import dev.conch.engine.io.FileType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One output of a batch: an input file (or none, for a network that makes its own sound) through one variation (or
 * none), written under a name of its own in the output folder.
 *
 * @param input     the input's path or URI as the user gave it, or null
 * @param variation the params set for this output, or null when nothing is varied
 * @param output    the file's path in the output folder: its name, or below a sub-folder ({@code drums/kick.wav})
 */
public record BatchItem(String input, Variation variation, String output) implements java.io.Serializable {

    /**
     * Every input × every variation, in that order. An output keeps its input's name (the network's without
     * input), with {@code -v0001} ... when anything is varied, and the extension of {@code type}; without a type, an
     * input's own extension when Conch writes that format, else {@code .wav}.
     *
     * @param inputs     paths or URIs; empty for a network without AudioInput
     * @param variations empty when nothing is varied
     * @param type       the container asked for with {@code --format}, or null
     * @throws IllegalArgumentException naming the two inputs when two would write the same output
     */
    public static List<BatchItem> plan(String network, List<String> inputs, List<Variation> variations, FileType type) {
        return plan(network, inputs, inputs.stream().map(BatchItem::fileName).toList(), variations, type);
    }

    /**
     * As {@link #plan(String, List, List, FileType)}, each input's outputs named after {@code names} (one per input)
     * rather than its file name: a name with folders ({@code drums/kick.wav}, an input found below a folder given
     * with {@code --recursive}) puts the outputs in that sub-folder of the output folder.
     */
    public static List<BatchItem> plan(String network, List<String> inputs, List<String> names, List<Variation> variations,
                                       FileType type) {
        if (names.size() != inputs.size()) throw new IllegalArgumentException("a name for each input");
        List<String> sources = inputs.isEmpty() ? java.util.Collections.singletonList(null) : inputs;
        List<Variation> vs = variations.isEmpty() ? java.util.Collections.singletonList(null) : variations;
        int width = Math.max(4, Integer.toString(vs.size()).length());
        List<BatchItem> items = new ArrayList<>(sources.size() * vs.size());
        Map<String, String> claimed = new HashMap<>();
        for (int k = 0; k < sources.size(); k++) {
            String in = sources.get(k);
            String name = in != null ? names.get(k) : fileName(network);
            int dot = name.lastIndexOf('.');
            if (dot <= name.lastIndexOf('/')) dot = -1; // a dot in a folder's name ("v1.2/kick") is no extension
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String ext = extension(in == null ? null : dot > 0 ? name.substring(dot + 1) : "", type);
            String earlier = claimed.putIfAbsent(stem.toLowerCase(Locale.ROOT) + "." + ext, String.valueOf(in));
            if (earlier != null) {
                throw new IllegalArgumentException(earlier + " and " + in + " would both be written to " + stem + "." + ext
                        + " (outputs keep their input's name); rename one, or process them into different folders");
            }
            for (Variation v : vs) {
                String suffix = v == null ? "" : String.format(Locale.ROOT, "-v%0" + width + "d", v.index() + 1);
                items.add(new BatchItem(in, v, stem + suffix + "." + ext));
            }
        }
        return items;
    }

    /** The last part of a path or URI: "a/b/c.wav" and "s3://bucket/c.wav" both give "c.wav". */
    public static String fileName(String path) {
        String p = path;
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf(java.io.File.separatorChar));
        return p.substring(slash + 1);
    }

    private static String extension(String inputExtension, FileType type) {
        if (type != null) return type.code();
        if (inputExtension == null) return "wav";
        return switch (inputExtension.toLowerCase(Locale.ROOT)) {
            case "wav", "aif", "aiff", "flac" -> inputExtension;
            default -> "wav";
        };
    }
}
