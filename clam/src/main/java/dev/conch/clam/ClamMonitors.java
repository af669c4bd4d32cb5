package dev.conch.clam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which editor monitor stands in for a visual-only CLAM processing, and on which of its in-ports: the table
 * {@code clam-monitors.tsv}. A type or port not in it is only dropped.
 */
final class ClamMonitors {
    private record Row(String port, ClamImport.View view) {
    }

    private static final Map<String, Row> ROWS = read();

    private ClamMonitors() {
    }

    /** The monitor for a link into {@code port} of a visual processing of {@code type}; null when there is none. */
    static ClamImport.View view(String type, String port) {
        Row row = ROWS.get(type);
        return row != null && (row.port.equals("*") || row.port.equals(port)) ? row.view : null;
    }

    private static Map<String, Row> read() {
        Map<String, Row> map = new LinkedHashMap<>();
        try (InputStream in = ClamMonitors.class.getResourceAsStream("clam-monitors.tsv")) {
            if (in == null) throw new IllegalStateException("clam-monitors.tsv is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                map.put(f[0], new Row(f[1], ClamImport.View.valueOf(f[2].toUpperCase(Locale.ROOT))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
