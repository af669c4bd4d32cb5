package dev.conch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.graph.FilePaths;
import dev.conch.engine.graph.SubNetworks;
import dev.conch.engine.io.TempTarget;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;

/**
 * The rules for a file a command writes ({@code render -o} and {@code --plot}, {@code play --record}), checked
 * before anything runs: it goes in a folder that exists, is not a folder, and is none of the files the run reads
 * (an input, the network file or a sub-network file it includes, a node's sample or impulse response), which it
 * would replace. One place, so render and play refuse the same mistakes with the same sentences.
 */
final class WriteTargets {
    private final String network;
    private final CompiledNetwork net;
    private final ProcessorRegistry registry;
    private final List<Path> inputs;
    private final String inputOption;
    private final String writer;

    /**
     * @param network     the network file as the user named it
     * @param inputs      the sound files given for the network's AudioInput, under {@code inputOption}
     * @param writer      what writes the target, for the sentences: "the render", "the recording"
     */
    WriteTargets(String network, CompiledNetwork net, ProcessorRegistry registry, List<Path> inputs,
                 String inputOption, String writer) {
        this.network = network;
        this.net = net;
        this.registry = registry;
        this.inputs = inputs;
        this.inputOption = inputOption;
        this.writer = writer;
    }

    /** A folder at {@code target} is refused, never replaced; a missing folder is refused, never created. */
    static void checkFolder(String option, Path target, String suggestedName) throws UserError {
        if (target == null) return;
        if (Files.isDirectory(target)) {
            throw new UserError(option + " " + target + ": is a directory; give a file name such as "
                    + target.resolve(suggestedName));
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new UserError(option + " " + target + ": directory " + dir + " does not exist");
        if (dir != null && !Files.isWritable(dir)) throw new UserError(option + " " + target + ": cannot write in directory " + dir);
    }

    /**
     * {@code target} is not a file the run reads, nor one a node of the network writes (one of the two would be
     * lost).
     */
    void checkNotRead(String option, Path target) throws UserError {
        if (target == null) return;
        Path key = TempTarget.canonical(target);
        for (Path in : inputs) {
            if (FilePaths.overwrittenBy(in).contains(key)) {
                throw new UserError(option + " " + target + " is the " + inputOption + " file " + in + ": " + writer
                        + " would write over what it reads; give " + option + " another file");
            }
        }
        Path networkFile = networkFileAt(network, target);
        if (networkFile != null) {
            throw new UserError(option + " " + target + " is " + (networkFile.equals(Path.of(network))
                    ? "the network file " + network
                    : "the sub-network file " + networkFile + " that " + network + " includes")
                    + ": " + writer + " would write sound over it; give " + option + " another file, such as "
                    + soundName(target));
        }
        FilePaths.FileUser user = FilePaths.userOf(net, registry, target);
        if (user == null) return;
        throw new UserError(network + ": node '" + user.node() + "' " + (user.writes() ? "writes " : "reads ")
                + user.file() + ", the file " + option + " names, so " + (user.writes() ? "one of the two would be lost"
                : writer + " would write over it") + "; give " + option + " another file");
    }

    /**
     * No input is a file a node of the network writes: the input is read whole first, and the writer's file then
     * replaced it with what the network made of it (render -i take.wav through a network recording take.wav).
     */
    void checkInputsNotWritten() throws UserError {
        if (inputs.isEmpty()) return;
        var users = FilePaths.users(net, registry);
        for (Path in : inputs) {
            for (Path key : FilePaths.overwrittenBy(in)) {
                FilePaths.FileUser user = users.get(key);
                if (user != null && user.writes()) {
                    throw new UserError(inputOption + " " + in + " is the file node '" + user.node() + "' of " + network
                            + " writes, so it would be replaced with what the node records; give that node another "
                            + "file, or " + inputOption + " a copy");
                }
            }
        }
    }

    /**
     * The file of {@code network} (its own, or a sub-network file it includes at any depth) that writing
     * {@code target} would replace, or null.
     */
    static Path networkFileAt(String network, Path target) {
        Path key = TempTarget.canonical(target);
        for (Path file : networkFiles(network)) if (FilePaths.overwrittenBy(file).contains(key)) return file;
        return null;
    }

    /** The network's own file, then every sub-network file it includes at any depth. */
    private static List<Path> networkFiles(String network) {
        List<Path> files = new ArrayList<>();
        Path file = Path.of(network);
        files.add(file);
        if (ClamFiles.isClam(network)) return files;
        try {
            files.addAll(SubNetworks.files(NetworkXml.read(file)));
        } catch (NetworkException | IOException | RuntimeException unreadable) {
            // it compiled a moment ago; a file that changed since is the watcher's business, not this check's
        }
        return files;
    }

    private static Path soundName(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return target.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".wav");
    }
}
