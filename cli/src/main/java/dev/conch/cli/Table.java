package dev.conch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, two spaces apart; the last column is never padded so lines carry no trailing blanks. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r[c].length());
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                sb.append(r[c]);
                if (c < columns - 1) sb.append(" ".repeat(width[c] - r[c].length() + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
