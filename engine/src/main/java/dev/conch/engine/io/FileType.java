package dev.conch.engine.io;

import java.nio.file.Path;
import java.util.Locale;

/** The container Conch writes: what {@code --format} or the output's extension picks. */
public enum FileType {
    WAV("wav"), AIFF("aiff"), FLAC("flac");

    private final String code;

    FileType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** .aif/.aiff/.aifc give AIFF, .flac gives FLAC, anything else WAV. */
    public static FileType fromFileName(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".aif") || n.endsWith(".aiff") || n.endsWith(".aifc")) return AIFF;
        if (n.endsWith(".flac")) return FLAC;
        return WAV;
    }

    /** "wav", "aiff" (or "aif"), "flac". @throws IllegalArgumentException naming the accepted values */
    public static FileType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("aif")) return AIFF;
        for (FileType f : values()) if (f.code.equals(t)) return f;
        throw new IllegalArgumentException("'" + text + "' is not a file format Conch writes: use wav, aiff or flac");
    }
}
