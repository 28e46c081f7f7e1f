package io.rendermesh.node.render.builtin.scene;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.protocol.model.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The animated properties of one scene element: {@code "keyframes": [{"frame": 1, "translate":
 * [..]}, ...]} with {@code "interpolation": "linear" | "smooth"}. A property without keys keeps
 * its static value.
 */
final class Animated {
    private final Map<String, Keyframes<Object>> tracks = new HashMap<>();

    static Animated parse(JsonNode node, List<String> vectors, List<String> numbers, String where) {
        Animated a = new Animated();
        JsonNode keys = node.get("keyframes");
        if (keys == null || keys.isNull()) return a;
        if (!keys.isArray() || keys.isEmpty()) throw new InvalidInputException(where + ".keyframes must be a non-empty array");
        String interpolation = node.path("interpolation").asText("smooth");
        if (!interpolation.equals("linear") && !interpolation.equals("smooth")) {
            throw new InvalidInputException(where + ".interpolation must be 'linear' or 'smooth'");
        }
        Map<String, List<Integer>> frames = new HashMap<>();
        Map<String, List<Object>> values = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            String at = where + ".keyframes[" + i + "]";
            if (!k.path("frame").canConvertToInt() || !k.path("frame").isIntegralNumber()) {
                throw new InvalidInputException(at + ": 'frame' (a whole number) is required");
            }
            int frame = k.get("frame").asInt();
            boolean any = false;
            for (var it = k.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (field.equals("frame")) continue;
                Object value;
                if (vectors.contains(field)) value = Json.vec(k.get(field), at + "." + field);
                else if (numbers.contains(field)) value = Json.num(k, field, 0, at);
                else throw new InvalidInputException(at + ": '" + field + "' cannot be animated here (use one of "
                            + String.join(", ", concat(vectors, numbers)) + ")");
                frames.computeIfAbsent(field, f -> new ArrayList<>()).add(frame);
                values.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
                any = true;
            }
            if (!any) throw new InvalidInputException(at + " animates nothing");
        }
        for (String field : frames.keySet()) {
            try {
                a.tracks.put(field, new Keyframes<>(frames.get(field), values.get(field), interpolation.equals("smooth")));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ".keyframes (" + field + "): " + e.getMessage());
            }
        }
        return a;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    Vec3 vec(String field, double frame, Vec3 fallback) {
        Keyframes<Object> k = tracks.get(field);
        return k == null ? fallback : (Vec3) k.at(frame);
    }

    double num(String field, double frame, double fallback) {
        Keyframes<Object> k = tracks.get(field);
        return k == null ? fallback : (Double) k.at(frame);
    }
}
