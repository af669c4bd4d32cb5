package dev.conch.engine.io;

/**
 * The text a file carries about itself. Written to RIFF {@code LIST/INFO} (INAM, IART, ICMT, ISFT, ICRD) in WAV
 * and to the {@code NAME}, {@code AUTH}, {@code ANNO} chunks in AIFF (AIFF has no software/date chunk, so those
 * two go into the ANNO text as "software: …", "date: …" lines only when present),
 * and to a VORBIS_COMMENT block in FLAC (TITLE, ARTIST, COMMENT, ENCODER, DATE). Empty strings mean "not given".
 */
public record AudioMetadata(String title, String artist, String comment, String software, String date) {
    public static final AudioMetadata EMPTY = new AudioMetadata("", "", "", "", "");

    public AudioMetadata {
        title = clean(title);
        artist = clean(artist);
        comment = clean(comment);
        software = clean(software);
        date = clean(date);
    }

    public boolean isEmpty() {
        return title.isEmpty() && artist.isEmpty() && comment.isEmpty() && software.isEmpty() && date.isEmpty();
    }

    public AudioMetadata withSoftware(String s) {
        return new AudioMetadata(title, artist, comment, s, date);
    }

    public AudioMetadata withDate(String d) {
        return new AudioMetadata(title, artist, comment, software, d);
    }

    /** NUL ends a C string in every reader: never store one inside a value. */
    private static String clean(String s) {
        return s == null ? "" : s.replace('\0', ' ').strip();
    }
}
