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
        ListSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, List<Object> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            return List.copyOf(readElements(kryo, input));
        }
    }

    static final class SetSerializer extends Serializer<Set<Object>> {
        SetSerializer() {
            setImmutable(true);
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
            return Set.copyOf(readElements(kryo, input));
        }
    }

    static final class MapSerializer extends Serializer<Map<Object, Object>> {
        MapSerializer() {
            setImmutable(true);
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
            Map<Object, Object> map = new HashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return Map.copyOf(map);
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
        if (size > 10_000_000) throw new IllegalArgumentException("collection too large: " + size);
        List<Object> out = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            out.add(kryo.readClassAndObject(input));
        }
        return out;
    }
}
