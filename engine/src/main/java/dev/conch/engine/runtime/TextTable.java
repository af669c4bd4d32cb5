package dev.conch.engine.runtime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, two spaces apart; the last column is never padded so lines carry no trailing blanks. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** The table's lines, each starting with {@code indent}. */
    public List<String> lines(String indent) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r[c].length());
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                sb.append(r[c]);
                if (c < columns - 1) sb.append(" ".repeat(width[c] - r[c].length() + 2));
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }

    public void print(PrintWriter out, String indent) {
        for (String line : lines(indent)) out.println(line);
    }
}
