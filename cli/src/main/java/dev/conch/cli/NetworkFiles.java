package dev.conch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.runtime.Text;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.NetworkCompiler;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.processors.control.Printers;
import dev.conch.engine.xml.NetworkXml;

/**
 * Reading and compiling a network named on the command line, with errors that show the path as the user
 * typed it (so {@code networks/x.xml:12:5: ...} can be clicked in an editor or terminal).
 */
final class NetworkFiles {
    private NetworkFiles() {
    }

    /** The path of an existing regular file, or a sentence saying why not. */
    static Path existing(String arg) throws UserError {
        Path p = Path.of(arg);
        if (!Files.exists(p)) throw new UserError(arg + ": no such file");
        if (Files.isDirectory(p)) throw new UserError(arg + ": is a directory, not a network file");
        if (!Files.isReadable(p)) throw new UserError(arg + ": permission denied");
        return p;
    }

    static NetworkSpec read(String arg) throws UserError, IOException {
        return read(arg, false, null);
    }

    /**
     * A Conch network file, or a CLAM {@code .clamnetwork} imported on the way in: its report goes to {@code report}
     * (null: not printed), and a processing Conch lacks refuses it unless {@code partial}.
     */
    static NetworkSpec read(String arg, boolean partial, PrintWriter report) throws UserError, IOException {
        Path p = existing(arg);
        if (ClamFiles.isClam(arg)) return ClamFiles.read(arg, p, partial, report).spec();
        try {
            return NetworkXml.read(p);
        } catch (NetworkException e) {
            throw new UserError(Messages.problems(arg, e));
        }
    }

    /**
     * The network with its sub-networks inlined, as the compiler sees it: {@code --set} then reaches any inner param
     * by its flat id ({@code voice/filter.q}, {@code voice#3/filter.q}).
     */
    static NetworkSpec readFlat(String arg) throws UserError, IOException {
        return readFlat(arg, false, null);
    }

    /** As {@link #read(String, boolean, PrintWriter)}, then inlined as {@link #readFlat(String)}. */
    static NetworkSpec readFlat(String arg, boolean partial, PrintWriter report) throws UserError, IOException {
        NetworkSpec spec = read(arg, partial, report);
        try {
            return SubNetworks.flatten(spec);
        } catch (NetworkException e) {
            throw new UserError(Messages.problems(arg, e));
        }
    }

    /** Compiles, printing the compiler's warnings (legal but probably unintended) to {@code err}. */
    static CompiledNetwork compile(String arg, NetworkSpec spec, ProcessorRegistry registry, int maxBlock,
                                   PrintWriter err) throws UserError {
        try {
            CompiledNetwork net = NetworkCompiler.compile(spec, registry, maxBlock);
            for (Problem w : net.warnings()) err.println(Messages.warning(arg, w));
            return net;
        } catch (NetworkException e) {
            throw new UserError(Messages.problems(arg, e));
        }
    }

    /** Whether the network writes files of its own (AudioFileWriter nodes), so a run without -o has an outcome. */
    static boolean writesFiles(NetworkSpec spec) {
        return spec.nodes().stream().anyMatch(n -> n.type().equals("AudioFileWriter"));
    }

    /**
     * Points the network's Print nodes at the command's standard output, a line at a time as they come; whether it
     * has any (a network of knobs and printers has something to show without an AudioOutput).
     */
    static boolean printTo(CompiledNetwork net, PrintWriter out) {
        return printTo(net, out, "");
    }

    /** As {@link #printTo(CompiledNetwork, PrintWriter)}, each line after {@code label} (a batch's item). */
    static boolean printTo(CompiledNetwork net, PrintWriter out, String label) {
        return Printers.printAllTo(net.processors().values(), line -> {
            synchronized (out) { // a batch's jobs print at once: whole lines
                out.println(label + line);
                out.flush();
            }
        });
    }

    /**
     * Each {@code --set node.param=value} on a flattened network; the compiler later checks the value against the
     * param's range. {@code voice.cutoff} sets a sub-network's knob (in every copy of a cloned one).
     */
    static NetworkSpec applySets(String network, NetworkSpec spec, List<String> sets) throws UserError {
        List<String> problems = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            int dot = eq < 0 ? -1 : s.lastIndexOf('.', eq);
            if (eq < 0 || dot <= 0 || dot == eq - 1) {
                problems.add("--set " + Text.clip(s) + ": write it as node.param=value, e.g. --set osc.frequency=220");
                continue;
            }
            String node = s.substring(0, dot).trim();
            String param = s.substring(dot + 1, eq).trim();
            String value = s.substring(eq + 1).trim();
            // a sub-network's knob (voice.cutoff) is its Constant nodes' value (voice/cutoff, or every copy's)
            List<String> knobs = spec.node(node).isEmpty() ? SubNetworks.knobNodes(spec, node, param) : List.of(node);
            String target = spec.node(node).isEmpty() ? "value" : param;
            List<String> known = knobs.isEmpty() ? SubNetworks.knobsOf(spec, node) : List.of();
            if (!known.isEmpty()) {
                problems.add("--set " + Text.clip(s) + ": sub-network '" + Text.clip(node) + "' has no knob '"
                        + Text.clip(param) + "'" + Diagnostics.didYouMean(Text.closest(param, known)) + "; its knobs are "
                        + String.join(", ", known) + ", and any inner param is set as " + node + "/NODE.param");
                continue;
            }
            if (knobs.isEmpty()) {
                List<String> ids = spec.nodes().stream().map(NodeSpec::id).toList();
                String near = Text.closest(node, ids);
                problems.add("--set " + Text.clip(s) + ": " + network + " has no node '" + Text.clip(node) + "'"
                        + (near != null ? Diagnostics.didYouMean(near) : "; its nodes are " + String.join(", ", ids)));
                continue;
            }
            if (value.contains("(")) {
                Automation a = Sweeps.parse(target, value);
                if (a == null) {
                    problems.add("--set " + Text.clip(s) + ": write a sweep as ramp(from,to,seconds) or exp(from,to,seconds), "
                            + "e.g. --set osc.frequency=ramp(55,110,30s)");
                    continue;
                }
                for (String k : knobs) spec = spec.withAutomation(k, a);
                continue;
            }
            // typed here, so a relative file path starts from the current folder, as every shell tool takes it
            for (String k : knobs) spec = spec.withParam(k, target, value, PathBase.TYPED);
        }
        if (!problems.isEmpty()) throw new UserError(problems);
        return spec;
    }

}
