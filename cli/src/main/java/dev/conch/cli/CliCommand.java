package dev.conch.cli;

import dev.conch.engine.driver.RenderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import dev.conch.engine.graph.NetworkCompiler;
import picocli.CommandLine;

/**
 * What every subcommand shares: output through picocli's writers (so tests can capture them) and one place that
 * turns failures into exit codes. A user's mistake ({@link UserError}) prints its sentences and exits 2; an I/O
 * failure prints the file and the system's reason and exits 1; anything else is a bug in Conch and says so,
 * with the stack trace only when {@code CONCH_DEBUG} is set.
 */
abstract class CliCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the command's work; returns the exit code for success (normally {@link #OK}). */
    abstract int run() throws Exception;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (UserError e) {
            for (String line : e.lines()) err().println(line);
            return BAD_INPUT;
        } catch (IOException e) {
            err().println("conch: " + Messages.ioReason(e));
            return FAILED;
        } catch (UncheckedIOException e) {
            err().println("conch: " + Messages.ioReason(e.getCause()));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("conch: interrupted");
            return FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // processors and the engine state user-facing conditions this way (a file at the wrong sample rate)
            err().println("conch: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            debugTrace(e);
            return FAILED;
        } catch (Exception | Error e) {
            err().println("conch: internal error: " + e + " (set CONCH_DEBUG=1 to see where)");
            debugTrace(e);
            return FAILED;
        }
    }

    /** The --block check of every command that compiles a network: one sentence, the same everywhere. */
    static void checkBlock(int block) throws UserError {
        if (block < 1 || block > NetworkCompiler.MAX_BLOCK) {
            throw new UserError("--block " + block + ": give a block size from 1 to " + NetworkCompiler.MAX_BLOCK);
        }
    }

    /** The --threads check of every command that runs a network on workers. */
    /** A {@code --threads} that may also be {@code auto}: {@link RenderOptions#AUTO_THREADS}. */
    static int parseThreads(String text) throws UserError {
        if (text.equalsIgnoreCase("auto")) return RenderOptions.AUTO_THREADS;
        int threads;
        try {
            threads = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError("--threads " + text + ": give a thread count from 1 to " + MAX_THREADS + ", or auto");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new UserError("--threads " + text + ": give a thread count from 1 to " + MAX_THREADS + ", or auto");
        }
        return threads;
    }

    static void checkThreads(int threads) throws UserError {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new UserError("--threads " + threads + ": give a thread count from 1 to " + MAX_THREADS);
        }
    }

    /** More threads than this only wait for one another: a network's widest layer is rarely wider. */
    static final int MAX_THREADS = 64;

    /** The --rate check (null: the option was not given). */
    static void checkRate(Double rate) throws UserError {
        if (rate != null && !(rate >= 1000 && rate <= 768000)) {
            throw new UserError("--rate " + Messages.number(rate) + ": give a sample rate from 1000 to 768000 Hz");
        }
    }

    /** The writers of a command that runs without picocli ({@link PlainRender}); null: picocli's. */
    private PrintWriter out;
    private PrintWriter err;

    void writeTo(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    PrintWriter out() {
        return out != null ? out : spec.commandLine().getOut();
    }

    PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    private void debugTrace(Throwable e) {
        if (System.getenv("CONCH_DEBUG") != null) e.printStackTrace(err());
    }
}
