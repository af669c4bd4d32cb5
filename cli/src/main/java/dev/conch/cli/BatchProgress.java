package dev.conch.cli;

import java.util.Locale;

import dev.conch.engine.batch.ItemResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One bar for a whole {@code conch process} batch on stderr when it is a terminal: files done of the total, the
 * elapsed time and the ETA (the bar's own), and the audio rendered per wall minute in hours, the figure that says
 * how long a dataset will take. Nothing when stderr is not a terminal or with {@code --quiet}: the summary says it.
 * Called from every job's thread.
 */
final class BatchProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private double audioSeconds;

    private BatchProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static BatchProgress open(int files, boolean quiet) {
        if (quiet || !RenderProgress.stderrIsTerminal()) return new BatchProgress(null);
        return new BatchProgress(new ProgressBarBuilder()
                .setTaskName("process")
                .setInitialMax(files)
                .setUnit(" files", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    synchronized void done(ItemResult r) {
        audioSeconds += r.status() == ItemResult.Status.DONE ? r.seconds() : 0;
        if (bar == null) return;
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "%.2f audio h/min", hoursPerMinute(audioSeconds, System.nanoTime() - start)));
    }

    /** Audio hours rendered per wall-clock minute. */
    static double hoursPerMinute(double audioSeconds, long wallNanos) {
        return wallNanos <= 0 ? 0 : (audioSeconds / 3600) / (wallNanos / 60e9);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
