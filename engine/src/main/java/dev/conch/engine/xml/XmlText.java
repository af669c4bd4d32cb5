package dev.conch.engine.xml;

/** Text rules shared by reader and writer, so what one writes the other reads back unchanged. */
final class XmlText {
    private XmlText() {
    }

    static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Values lose surrounding XML whitespace on reading (hand-written files put values on their own lines);
     * the writer trims the same way, so writing a read file changes nothing.
     */
    static String trim(String s) {
        if (s == null) return "";
        int b = 0;
        int e = s.length();
        while (b < e && isXmlSpace(s.charAt(b))) b++;
        while (e > b && isXmlSpace(s.charAt(e - 1))) e--;
        return s.substring(b, e);
    }

    static boolean isBlank(String s) {
        return trim(s).isEmpty();
    }

    /** Element text: {@code & < >} escaped; CR as a reference since parsers turn a raw CR into LF. */
    static String escapeText(String s, String where) {
        return escape(s, where, false);
    }

    /** Attribute value: also quotes, and tab/LF/CR as references, since parsers turn raw ones into spaces. */
    static String escapeAttribute(String s, String where) {
        return escape(s, where, true);
    }

    private static String escape(String s, String where, boolean attribute) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\r' -> sb.append("&#13;");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        // XML 1.0 has no way at all to hold these, not even as character references.
                        throw new IllegalArgumentException(where + " contains the character U+"
                                + String.format("%04X", (int) c) + ", which an XML file cannot hold");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
