package io.rendermesh.node.render.builtin.scene;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.protocol.model.InvalidInputException;

/** Reading scene-file values with errors that say where the problem is. */
final class Json {
    private Json() {
    }

    static Vec3 vec(JsonNode node, String field, Vec3 fallback, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) throw new InvalidInputException(where + ": '" + field + "' is required ([x, y, z])");
            return fallback;
        }
        return vec(v, where + "." + field);
    }

    static Vec3 vec(JsonNode v, String where) {
        if (!v.isArray() || v.size() != 3 || !v.get(0).isNumber() || !v.get(1).isNumber() || !v.get(2).isNumber()) {
            throw new InvalidInputException(where + " must be an array of three numbers");
        }
        return new Vec3(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble());
    }

    static double num(JsonNode node, String field, double fallback, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw new InvalidInputException(where + "." + field + " must be a number");
        return v.asDouble();
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new InvalidInputException(where + ": '" + field + "' is required (text)");
        return v.asText();
    }
}
