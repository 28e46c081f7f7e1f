package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which renderer package a job needs, and the lowest version it accepts (null: any). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RendererSpec(@JsonProperty("package") String packageName, String minVersion) {
    public RendererSpec {
        if (packageName == null || packageName.isBlank()) {
            throw new InvalidInputException("renderer.package is required");
        }
    }
}
