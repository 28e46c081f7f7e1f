package io.rendermesh.protocol.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records copy their collections with {@code List.copyOf} and friends, whose classes are JDK
 * internals Kryo cannot build; these write them as plain sequences and read them back immutable.
 */
final class ImmutableCollectionSerializers {
    private ImmutableCollectionSerializers() {
    }

    static final class ListSerializer extends Serializer<List<Object>> {
        private final boolean mutable;

        ListSerializer() {
            this(false);
        }

        /** @param mutable read back as ArrayList (for fields that were ArrayLists) */
        ListSerializer(boolean mutable) {
            this.mutable = mutable;
            setImmutable(!mutable);
        }

        @Override
        public void write(Kryo kryo, Output output, List<Object> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            List<Object> elements = readElements(kryo, input);
            return mutable ? elements : List.copyOf(elements);
        }
    }

    static final class SetSerializer extends Serializer<Set<Object>> {
        private final boolean mutable;

        SetSerializer() {
            this(false);
        }

        SetSerializer(boolean mutable) {
            this.mutable = mutable;
            setImmutable(!mutable);
        }

        @Override
        public void write(Kryo kryo, Output output, Set<Object> set) {
            // sorted when possible so equal sets give equal bytes (the golden test relies on it)
            List<Object> ordered = new ArrayList<>(set);
            if (ordered.stream().allMatch(e -> e instanceof String)) {
                ordered.sort((a, b) -> ((String) a).compareTo((String) b));
            }
            writeElements(kryo, output, ordered);
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            List<Object> elements = readElements(kryo, input);
            return mutable ? new java.util.HashSet<>(elements) : Set.copyOf(elements);
        }
    }

    static final class MapSerializer extends Serializer<Map<Object, Object>> {
        private final boolean mutable;

        MapSerializer() {
            this(false);
        }

        MapSerializer(boolean mutable) {
            this.mutable = mutable;
            setImmutable(!mutable);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            List<Map.Entry<Object, Object>> entries = new ArrayList<>(map.entrySet());
            if (entries.stream().allMatch(e -> e.getKey() instanceof String)) {
                entries.sort((a, b) -> ((String) a.getKey()).compareTo((String) b.getKey()));
            }
            output.writeVarInt(entries.size(), true);
            for (Map.Entry<Object, Object> e : entries) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int size = input.readVarInt(true);
            if (size > input.limit() - input.position()) throw new IllegalArgumentException("map too large: " + size);
            Map<Object, Object> map = new HashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return mutable ? map : Map.copyOf(map);
        }
    }

    /** byte[] whose declared length must fit in what is left of the message: a forged length cannot exhaust memory. */
    static final class BoundedBytesSerializer extends Serializer<byte[]> {
        BoundedBytesSerializer() {
            setAcceptsNull(true);
        }

        @Override
        public void write(Kryo kryo, Output output, byte[] bytes) {
            if (bytes == null) {
                output.writeVarInt(0, true);
                return;
            }
            output.writeVarInt(bytes.length + 1, true);
            output.writeBytes(bytes);
        }

        @Override
        public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
            int length = input.readVarInt(true);
            if (length == 0) return null;
            long left = input.limit() - input.position();
            if (length - 1 > left) throw new IllegalArgumentException("byte array of " + (length - 1) + " bytes in a message of " + left);
            return input.readBytes(length - 1);
        }
    }

    /** UTF-8 strings whose declared length must fit in the rest of the message. */
    static final class BoundedStringSerializer extends Serializer<String> {
        BoundedStringSerializer() {
            setImmutable(true);
            setAcceptsNull(true);
        }

        @Override
        public void write(Kryo kryo, Output output, String s) {
            if (s == null) {
                output.writeVarInt(0, true);
                return;
            }
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            output.writeVarInt(utf8.length + 1, true);
            output.writeBytes(utf8);
        }

        @Override
        public String read(Kryo kryo, Input input, Class<? extends String> type) {
            int length = input.readVarInt(true);
            if (length == 0) return null;
            long left = input.limit() - input.position();
            if (length - 1 > left) throw new IllegalArgumentException("string of " + (length - 1) + " bytes in a message of " + left);
            return new String(input.readBytes(length - 1), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void writeElements(Kryo kryo, Output output, Collection<Object> elements) {
        output.writeVarInt(elements.size(), true);
        for (Object e : elements) {
            kryo.writeClassAndObject(output, e);
        }
    }

    private static List<Object> readElements(Kryo kryo, Input input) {
        int size = input.readVarInt(true);
        // every element takes at least one byte, so a larger count is a forged one
        if (size > input.limit() - input.position()) throw new IllegalArgumentException("collection too large: " + size);
        List<Object> out = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            out.add(kryo.readClassAndObject(input));
        }
        return out;
    }
}
