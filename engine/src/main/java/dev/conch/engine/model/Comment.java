package dev.conch.engine.model;

/**
 * A note on the editor's canvas ({@code <comment x="40" y="20">text</comment>}, format version 3): for the people
 * reading the network, never compiled or played.
 *
 * @param x,y  where its top-left corner is, in the canvas's coordinates (as a node's)
 * @param text what it says; surrounding XML whitespace is not kept, lines are
 */
public record Comment(double x, double y, String text) {
    public Comment {
        text = text == null ? "" : text;
    }
}
