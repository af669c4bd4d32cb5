package dev.conch.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

/**
 * JsonText against Jackson's ObjectMapper with INDENT_OUTPUT, which the manifest and the --json reports were written
 * with before: the same text for the same tree, so no script reading them sees a change.
 */
class JsonTextTest {

    private static String mapper(Object tree) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
    }

    @Test
    void aReportsTreeIsWrittenAsObjectMapperWritesIt() throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("network", "nets/\"quoted\" \\ and \u00e9\u65e5 \t tab");
        root.put("seed", 12345678901L);
        root.put("files", 3);
        root.put("ratio", 0.1 + 0.2);
        root.put("big", 1e300);
        root.put("tiny", -4.9e-324);
        root.put("negativeZero", -0.0);
        root.put("nan", Double.NaN);
        root.put("infinite", Double.POSITIVE_INFINITY);
        root.put("single", 0.1f);
        root.put("none", null);
        root.put("yes", true);
        root.put("empty", Map.of());
        root.put("noItems", List.of());
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", "f" + i + ".wav");
            m.put("params", Map.of("saw.frequency", 40.5 + i));
            m.put("levels", List.of(0.5, -1, List.of("nested")));
            items.add(m);
        }
        root.put("items", items);
        assertEquals(mapper(root), JsonText.of(root));
        assertEquals(mapper(List.of()), JsonText.of(List.of()));
        assertEquals(mapper("alone"), JsonText.of("alone"));
    }

    @Test
    void anythingElseIsRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class, () -> JsonText.of(Map.of("when", new java.util.Date(0))));
    }
}
