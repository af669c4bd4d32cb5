package dev.conch.cluster;

import dev.conch.engine.batch.ItemResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * One item's result between Flink operators, with its place in the batch. It travels as bytes (Java serialization
 * of plain records), so Flink needs no serializer of Conch's types: a byte array is one of its built-in types.
 *
 * @param index the item's place in {@link dev.conch.engine.batch.BatchJob#items()}
 */
record Rendered(int index, ItemResult result) implements Serializable {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Rendered decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Rendered) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a rendered item came back as an unknown class (a jar mismatch)", e);
        }
    }
}
