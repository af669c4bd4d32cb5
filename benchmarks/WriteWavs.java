import dev.conch.engine.io.SampleFormat;
import dev.conch.engine.io.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N WAV files of about BYTES bytes each into FOLDER through WavWriter, 32-bit float stereo (its encoding is
 * a copy, so the time is the file's way to the disk): `java -cp cli/target/conch.jar benchmarks/WriteWavs.java
 * FOLDER N BYTES`. benchmarks/README, "Durable writes without the write-back tax".
 */
public class WriteWavs {
    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args[0]));
        int files = Integer.parseInt(args[1]);
        long frames = Long.parseLong(args[2]) / 8;
        int block = 4096;
        float[][] x = new float[2][block];
        for (int i = 0; i < block; i++) {
            x[0][i] = (float) Math.sin(i * 0.01);
            x[1][i] = -x[0][i];
        }
        for (int k = 0; k < files; k++) {
            try (WavWriter w = WavWriter.open(folder.resolve("f" + k + ".wav"), 2, 48000, SampleFormat.FLOAT32)) {
                for (long f = 0; f < frames; f += block) w.write(x, 0, (int) Math.min(block, frames - f));
                w.commit();
            }
        }
    }
}
