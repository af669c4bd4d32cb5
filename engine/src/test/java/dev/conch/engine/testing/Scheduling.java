package dev.conch.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about this process's threads, read from /proc, independently of the JNA calls under test;
 * and whether the system permits SCHED_FIFO at all, asked of util-linux's {@code chrt}.
 */
public final class Scheduling {
    public static final int OTHER = 0;
    public static final int FIFO = 1;

    private Scheduling() {
    }

    /** Whether {@code chrt -f 10 true} runs: the system grants this user SCHED_FIFO priority 10. */
    public static boolean fifoPermitted() throws IOException, InterruptedException {
        ExternalTools.requireOnPath("chrt");
        Process p = new ProcessBuilder("chrt", "-f", "10", "true").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /**
     * The scheduling policy of each of this process's threads whose name starts with {@code prefix} (Linux keeps 15
     * characters of a thread's name), from field 41 of /proc/self/task/TID/stat.
     */
    public static List<Integer> policiesOf(String prefix) throws IOException {
        List<Integer> policies = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException ended) {
                    continue; // the thread ended while we listed
                }
                String short15 = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
                if (!comm.startsWith(short15)) continue;
                // fields after the command's closing parenthesis start at field 3 (the state)
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                policies.add(Integer.parseInt(fields[41 - 3]));
            }
        }
        return policies;
    }
}
