package dev.conch.editor.document;

/** An edit that would break the network; the message is for the sound designer (the compiler's own words). */
public final class EditRefused extends Exception {
    public EditRefused(String message) {
        super(message);
    }
}
