package dev.conch.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file that cannot be used, with a sentence naming the file and what is wrong with it. */
public final class AudioFileException extends IOException {
    private final Path file;

    public AudioFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public AudioFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
