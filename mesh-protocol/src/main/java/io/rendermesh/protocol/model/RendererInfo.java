package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A renderer package a node has, with its detected version. */
public record RendererInfo(@JsonProperty("package") String packageName, String version) {
}
