package dev.conch.cli;

import dev.conch.engine.driver.RecordedInput;
import dev.conch.engine.graph.CompiledNetwork;
import dev.conch.engine.io.AudioFileException;
import dev.conch.engine.io.AudioFileLoader;
import dev.conch.engine.runtime.AudioInput;
import dev.conch.engine.runtime.Processor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sound files a command plays into a network's AudioInput ({@code render -i}, {@code bench -i}, {@code play
 * --input}), checked against the network before anything runs: every mistake is one sentence naming the option.
 */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Reads {@code files} for {@code net}, resampled to its rate; null when the network takes no input and none was
     * given.
     *
     * @param option how the user gives input to this command: "-i" or "--input"
     */
    static RecordedInput load(String network, CompiledNetwork net, List<Path> files, boolean loop, String option)
            throws UserError {
        String node = audioInputId(net);
        if (node == null) {
            if (files.isEmpty()) return null;
            throw new UserError(network + " has no AudioInput node, so " + option + " " + files.get(0) + " would not be "
                    + "heard; add an AudioInput node (its outputs out1, out2, ... carry the input), or leave out " + option);
        }
        int wanted = net.inputChannels();
        if (files.isEmpty()) {
            throw new UserError(network + " takes sound in (node '" + node + "', " + channels(wanted) + "): give it with "
                    + option + " FILE.wav" + (option.equals("-i") ? " (repeat -i to fill more channels)" : ""));
        }
        List<String> given = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            int c;
            try {
                c = AudioFileLoader.probe(f).channels();
            } catch (AudioFileException e) {
                throw new UserError(option + " " + f + ": " + e.getMessage());
            }
            total += c;
            given.add(f.getFileName() + " has " + c);
        }
        if (total != wanted) {
            throw new UserError(network + " takes " + channels(wanted) + " of input (node '" + node + "'), and the files"
                    + " give " + total + " (" + String.join(", ", given) + "); give files with " + channels(wanted)
                    + " in all, in order, or set " + node + ".channels to " + total
                    + (total < wanted && total == files.size() ? " (a mono file can be given once per channel: "
                    + option + " " + files.get(0).getFileName() + " " + option + " " + files.get(0).getFileName() + ")" : ""));
        }
        List<float[][]> read = new ArrayList<>();
        for (Path f : files) {
            try {
                float[][] x = RecordedInput.read(f, net.sampleRate());
                if (x.length == 0 || x[0].length == 0) throw new UserError(option + " " + f + ": the file holds no sound (0 frames)");
                read.add(x);
            } catch (AudioFileException e) {
                throw new UserError(option + " " + f + ": " + e.getMessage());
            }
        }
        return RecordedInput.of(read, loop);
    }

    private static String channels(int n) {
        return n + (n == 1 ? " channel" : " channels");
    }

    private static String audioInputId(CompiledNetwork net) {
        for (Map.Entry<String, Processor> e : net.processors().entrySet()) {
            if (e.getValue() instanceof AudioInput) return e.getKey();
        }
        return null;
    }
}
