package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A renderer package a node has, with its detected version. {@code unconfined}: the node runs it
 * outside any sandbox (started with --unsandboxed-renderers on a host without bubblewrap).
 */
public record RendererInfo(@JsonProperty("package") String packageName, String version, boolean unconfined) {
    public RendererInfo(String packageName, String version) {
        this(packageName, version, false);
    }
}
