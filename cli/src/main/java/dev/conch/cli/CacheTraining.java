package dev.conch.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The launcher's training run for its class-data cache ({@code ./conch}: an AOT cache on JDK 25, a static archive on
 * 17): the classes and profiles this one JVM records are what every later start maps instead of loading.
 *
 * <p>A single command line could not record both paths a user meets. A line picocli reads ({@code -qo}, a cluster
 * {@link PlainRender} leaves to it) records picocli, which every other command needs, and, through the
 * {@link Warmup} thread, every processor class; but a quiet line prints no report, and the report of an ordinary
 * render ({@code -o out.wav}) loaded the formatter and its locale data, 15-20 ms of a 1 s render's 0.11 s
 * (benchmarks/README, "Start-up of a short render"). So it runs both, in one JVM.
 *
 * <p>Usage: {@code CacheTraining NETWORK TEMP_FOLDER}; the outputs land in the folder, the launcher removes it.
 */
final class CacheTraining {
    private CacheTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CacheTraining NETWORK TEMP_FOLDER");
            System.exit(2);
        }
        String network = args[0];
        Path folder = Path.of(args[1]);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        int plain = Conch.execute(new String[] {"render", network, "--seconds", "0.2", "-o",
                folder.resolve("plain.wav").toString()}, nowhere, nowhere);
        Warmup.startFor("render");
        int picocli = Conch.execute(new String[] {"render", network, "--seconds", "0.2", "-qo",
                folder.resolve("picocli.wav").toString()}, nowhere, nowhere);
        System.exit(plain != 0 ? plain : picocli);
    }
}
