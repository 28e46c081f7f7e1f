package io.rendermesh.protocol.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * Reads a job profile from JSON, filling the documented defaults and turning every problem into an
 * {@link InvalidInputException} whose message names the field.
 */
public final class JobProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private JobProfileJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JobProfile parse(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("job profile is not valid JSON: " + e.getOriginalMessage());
        }
        return fromTree(tree);
    }

    public static JobProfile fromTree(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("job profile must be a JSON object");
        }
        ObjectNode node = ((ObjectNode) tree).deepCopy();
        if (node.path("renderer").isTextual()) {
            node.putObject("renderer").put("package", tree.get("renderer").asText());
        }
        putDefault(node, "width", 320);
        putDefault(node, "height", 180);
        putDefault(node, "samples", 32);
        putDefault(node, "priority", 50);
        putDefault(node, "timeoutPerFrameSec", 600);
        putDefault(node, "maxAttempts", 3);
        if (!node.has("allowRemote")) node.put("allowRemote", false);
        if (node.path("requirements").isObject()) {
            ObjectNode req = (ObjectNode) node.get("requirements");
            putDefault(req, "minCores", 0);
            putDefault(req, "minMemoryMb", 0);
            if (!req.has("tags")) req.putArray("tags");
        }
        if (!node.has("frames") || node.get("frames").isNull()) {
            throw new InvalidInputException("frames is required, e.g. \"1-48\"");
        }
        if (node.get("frames").isNumber()) node.put("frames", node.get("frames").asText());
        try {
            return MAPPER.treeToValue(node, JobProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("unknown field '" + path(e) + "' in job profile");
        } catch (MismatchedInputException e) {
            throw new InvalidInputException("field '" + path(e) + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException invalid) throw invalid;
            throw new InvalidInputException("bad job profile: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof InvalidInputException invalid) throw invalid;
            throw new InvalidInputException("bad job profile: " + e.getMessage());
        }
    }

    public static String toJson(JobProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putDefault(ObjectNode node, String field, int value) {
        if (!node.has(field)) node.put(field, value);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
