package dev.conch.engine.batch;

import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ParamType;
import dev.conch.engine.runtime.ProcessorDescriptor;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.runtime.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --vary node.param=SPEC}: the values a param takes across a batch's variations. A list
 * ({@code 110,220,440}) and a range ({@code range(40,80,5)}: 40, 45, ... 80) enumerate values, and the batch takes
 * every combination of them; a distribution ({@code uniform(a,b)}, {@code loguniform(a,b)}, {@code choice(x,y,z)})
 * is drawn anew for each variation from that variation's seed. Every value is checked against the param's range
 * when the spec is read, so a batch never starts with a value its network would refuse. A file param takes a list or
 * a choice of files ({@code room.file=small.wav,hall.wav}), each checked to be there and kept absolute.
 *
 * @param values the enumerated values (a list or a range), or a choice's candidates, as the network file writes them
 * @param low    a uniform or log-uniform distribution's lower bound
 * @param high   its upper bound
 */
public record Vary(String node, String param, Kind kind, List<String> values, double low, double high,
                   ParamSpec spec) {

    public enum Kind {
        LIST, RANGE, UNIFORM, LOGUNIFORM, CHOICE;

        /** Does it give a fixed set of values (combined across specs), rather than a draw per variation? */
        boolean enumerates() {
            return this == LIST || this == RANGE;
        }
    }

    /** More values than this from one range is a typo in its step. */
    static final int MAX_RANGE_VALUES = 100_000;

    private static final Pattern CALL = Pattern.compile("\\s*(range|uniform|loguniform|choice)\\s*\\((.*)\\)\\s*");

    public Vary {
        values = List.copyOf(values);
    }

    /** "osc.frequency", the name a manifest's column has. */
    public String key() {
        return node + "." + param;
    }

    boolean enumerates() {
        return kind.enumerates();
    }

    /** This variation's value: a distribution's draw from {@code random} (enumerated specs draw nothing). */
    String draw(SplittableRandom random) {
        return switch (kind) {
            case CHOICE -> values.get(random.nextInt(values.size()));
            case UNIFORM -> number(low + (high - low) * random.nextDouble());
            case LOGUNIFORM -> number(Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble()));
            default -> throw new IllegalStateException(kind + " enumerates its values and draws none");
        };
    }

    /** A drawn number as the network file writes it: whole for an integer param, never past the bounds by rounding. */
    private String number(double v) {
        double x = Math.min(high, Math.max(low, spec.type() == ParamType.INTEGER ? Math.rint(v) : v));
        return spec.textOf(x);
    }

    /**
     * Reads {@code text} ("node.param=SPEC") against {@code network}.
     *
     * @throws IllegalArgumentException one sentence starting {@code --vary TEXT:}: an unknown node or param (with the
     *                                  nearest name), a SPEC that is not one of the forms, or a value outside the
     *                                  param's range
     */
    public static Vary parse(String text, NetworkSpec network, ProcessorRegistry registry) {
        String shown = "--vary " + Text.clip(text) + ": ";
        int eq = text.indexOf('=');
        int dot = eq < 0 ? -1 : text.lastIndexOf('.', eq);
        if (eq < 0 || dot <= 0 || dot == eq - 1) {
            throw new IllegalArgumentException(shown + "write it as node.param=SPEC, e.g. --vary osc.frequency=110,220,440 "
                    + "or --vary osc.frequency=uniform(100,1000)");
        }
        String nodeId = text.substring(0, dot).trim();
        String paramName = text.substring(dot + 1, eq).trim();
        String specText = text.substring(eq + 1).trim();
        NodeSpec node = network.node(nodeId).orElse(null);
        if (node == null) {
            List<String> ids = network.nodes().stream().map(NodeSpec::id).toList();
            String near = Text.closest(nodeId, ids);
            throw new IllegalArgumentException(shown + "the network has no node '" + Text.clip(nodeId) + "'"
                    + (near != null ? Diagnostics.didYouMean(near) : "; its nodes are " + String.join(", ", ids)));
        }
        ProcessorDescriptor type = registry.has(node.type()) ? registry.descriptor(node.type()) : null;
        ParamSpec p = type == null ? null : type.param(paramName);
        if (p == null) {
            List<String> names = type == null ? List.of() : type.params().stream().map(ParamSpec::name).toList();
            throw new IllegalArgumentException(shown + Diagnostics.noParameter(Diagnostics.node(node.type(), nodeId),
                    Text.clip(paramName), " to vary", Text.closest(paramName, names)));
        }
        if (p.namesFile()) return files(shown, nodeId, paramName, specText, p);
        if (p.type() == ParamType.TEXT || p.structural()) {
            throw new IllegalArgumentException(shown + "'" + paramName + "' " + (p.type() == ParamType.TEXT ? "is text"
                    : "fixes the network's shape") + "; vary a number, choice or switch");
        }
        Matcher m = CALL.matcher(specText);
        if (!m.matches()) return new Vary(nodeId, paramName, Kind.LIST, checked(shown, p, split(specText)), 0, 0, p);
        List<String> args = split(m.group(2));
        String form = m.group(1);
        switch (form) {
            case "choice" -> {
                return new Vary(nodeId, paramName, Kind.CHOICE, checked(shown, p, args), 0, 0, p);
            }
            case "range" -> {
                if (args.size() != 3) throw new IllegalArgumentException(shown + "write a range as range(from,to,step), e.g. range(40,80,5)");
                return new Vary(nodeId, paramName, Kind.RANGE, checked(shown, p, range(shown, args)), 0, 0, p);
            }
            default -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException(shown + "write it as " + form + "(low,high), e.g. " + form + "(100,1000)");
                }
                if (p.type() != ParamType.NUMBER && p.type() != ParamType.INTEGER) {
                    throw new IllegalArgumentException(shown + "'" + paramName + "' takes " + p.rangeText()
                            + ", not a number: give a list or choice(...) of its values");
                }
                double low = value(shown, p, args.get(0));
                double high = value(shown, p, args.get(1));
                if (!(low < high)) throw new IllegalArgumentException(shown + "the low bound must be below the high bound");
                if (form.equals("loguniform") && !(low > 0)) {
                    throw new IllegalArgumentException(shown + "loguniform needs bounds above 0 (a logarithm's), not " + args.get(0));
                }
                return new Vary(nodeId, paramName, form.equals("uniform") ? Kind.UNIFORM : Kind.LOGUNIFORM, List.of(),
                        low, high, p);
            }
        }
    }

    /**
     * A file param varied over files, a list or a {@code choice(...)} of them (an impulse response per variation,
     * a sample to granulate). As every path typed on the command line, each starts from the current folder; it is
     * kept absolute, so each variation names the same file wherever the batch runs, and one that is not there is
     * refused before anything is written.
     */
    private static Vary files(String shown, String nodeId, String paramName, String specText, ParamSpec p) {
        Matcher m = CALL.matcher(specText);
        boolean choice = m.matches() && m.group(1).equals("choice");
        if (m.matches() && !choice) {
            throw new IllegalArgumentException(shown + "'" + paramName + "' names a file: give a list of files, "
                    + "a.wav,b.wav, or choice(a.wav,b.wav)");
        }
        List<String> given = split(choice ? m.group(2) : specText);
        if (given.isEmpty() || given.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(shown + "give at least one file, and none empty");
        }
        List<String> paths = new ArrayList<>();
        for (String g : given) {
            FilePaths.Resolved r = FilePaths.resolve(g, p.file(), PathBase.TYPED);
            if (r == null || r.missing()) {
                throw new IllegalArgumentException(shown + "there is no file "
                        + (r == null ? "'" + Text.clip(g) + "'" : r.path()) + " (a path here starts from the current folder)");
            }
            paths.add(r.path().toString());
        }
        return new Vary(nodeId, paramName, choice ? Kind.CHOICE : Kind.LIST, paths, 0, 0, p);
    }

    /** Every value of a range, computed in decimal so that range(0.1,0.5,0.1) gives 0.3, not 0.30000000000000004. */
    private static List<String> range(String shown, List<String> args) {
        BigDecimal from;
        BigDecimal to;
        BigDecimal step;
        try {
            from = new BigDecimal(args.get(0));
            to = new BigDecimal(args.get(1));
            step = new BigDecimal(args.get(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + "a range takes three numbers: range(from,to,step)");
        }
        if (step.signum() == 0 || step.signum() != to.subtract(from).signum() && to.compareTo(from) != 0) {
            throw new IllegalArgumentException(shown + "the step must be non-zero and go from " + args.get(0) + " towards " + args.get(1));
        }
        List<String> values = new ArrayList<>();
        for (BigDecimal v = from; (step.signum() > 0 ? v.compareTo(to) <= 0 : v.compareTo(to) >= 0); v = v.add(step)) {
            if (values.size() == MAX_RANGE_VALUES) {
                throw new IllegalArgumentException(shown + "the range has more than " + MAX_RANGE_VALUES + " values; use a larger step");
            }
            values.add(v.stripTrailingZeros().toPlainString());
        }
        return values;
    }

    private static List<String> checked(String shown, ParamSpec p, List<String> values) {
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(shown + "give at least one value, and none empty");
        }
        for (String v : values) value(shown, p, v);
        return values;
    }

    private static double value(String shown, ParamSpec p, String v) {
        try {
            return p.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shown + e.getMessage());
        }
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",", -1)) out.add(s.trim());
        return out;
    }
}
