package dev.conch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Render progress on stderr: a live bar when stderr is a terminal, otherwise (a log, a CI job) one final line,
 * and nothing at all with {@code --quiet}. Receives the number of frames rendered so far.
 */
final class RenderProgress implements LongConsumer, AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter finalLine;
    private final double sampleRate;
    private long frames;

    private RenderProgress(ProgressBar bar, PrintWriter finalLine, double sampleRate) {
        this.bar = bar;
        this.finalLine = finalLine;
        this.sampleRate = sampleRate;
    }

    /** @param err where the final line goes when there is no bar (the command's stderr writer) */
    static RenderProgress open(String task, long totalFrames, double sampleRate, boolean quiet, PrintWriter err) {
        if (quiet) return new RenderProgress(null, null, sampleRate);
        if (!stderrIsTerminal()) return new RenderProgress(null, err, sampleRate);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(Path.of(task).getFileName().toString())
                .setInitialMax(totalFrames)
                .setUnit(" s", Math.max(1, Math.round(sampleRate)))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new RenderProgress(bar, null, sampleRate);
    }

    @Override
    public void accept(long framesDone) {
        frames = framesDone;
        if (bar != null) bar.stepTo(framesDone);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        if (finalLine != null) finalLine.println(String.format(Locale.ROOT, "rendered %s of audio", Messages.duration(frames / sampleRate)));
    }

    /**
     * Java 17 can only ask whether stdin and stdout are a console; on Linux /proc tells us about stderr itself
     * (a pipe or file there means no bar, even when stdout is a terminal).
     */
    static boolean stderrIsTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // not Linux, or /proc hidden: fall back below
        }
        return System.console() != null;
    }
}
