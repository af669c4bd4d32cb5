package dev.conch.engine.runtime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A tree of maps (keys in their order), collections, strings, numbers, booleans and nulls as indented JSON, laid out
 * as Jackson's default pretty printer lays it out: the batch manifest, and the {@code --json} reports of process and
 * bench. Written through Jackson's streaming generator, not an ObjectMapper: setting one up (its serializers, type
 * factory and introspection) took a 200-file batch 50-130 ms after its last file, for a tree of a few hundred maps.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** The tree's JSON, without a final line break. */
    public static String of(Object tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.useDefaultPrettyPrinter();
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object item : c) write(g, item);
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON for a " + v.getClass().getName() + ": give maps, lists, "
                    + "strings, numbers, booleans or null");
        }
    }
}
