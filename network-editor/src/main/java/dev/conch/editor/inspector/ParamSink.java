package dev.conch.editor.inspector;

/** Where the inspector sends a param's new text (the editor: a document edit, and live to the playing engine). */
public interface ParamSink {
    /** @return null when applied, else the sentence why not (shown beside the widget) */
    String set(String node, String param, String text);
}
