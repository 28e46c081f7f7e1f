package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What a node can do and is doing, as published to the resource map.
 * {@code address} is the mesh address (host:port); {@code webUrl} where its HTTP API listens;
 * {@code blobAddress} where peers stream its job files from (host:port, null if it offers none);
 * {@code maxFramePixels} the largest frame (width × height) one of its slots can hold in memory,
 * so that no frame is placed where it would end in an OutOfMemoryError.
 */
public record NodeResources(
        String name,
        String address,
        String site,
        List<RendererInfo> renderers,
        int cores,
        long memoryMb,
        String os,
        List<String> tags,
        int slots,
        int busySlots,
        NodeState state,
        double speed,
        String webUrl,
        int protocolVersion,
        String blobAddress,
        long maxFramePixels) {

    public NodeResources {
        renderers = renderers == null ? List.of() : List.copyOf(renderers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @JsonIgnore
    public int freeSlots() {
        return Math.max(0, slots - busySlots);
    }

    public NodeResources withLoad(int busySlots, NodeState state) {
        return new NodeResources(name, address, site, renderers, cores, memoryMb, os, tags, slots,
                busySlots, state, speed, webUrl, protocolVersion, blobAddress, maxFramePixels);
    }

    public NodeResources withWebUrl(String webUrl) {
        return new NodeResources(name, address, site, renderers, cores, memoryMb, os, tags, slots,
                busySlots, state, speed, webUrl, protocolVersion, blobAddress, maxFramePixels);
    }

    public NodeResources withAddress(String address) {
        return new NodeResources(name, address, site, renderers, cores, memoryMb, os, tags, slots,
                busySlots, state, speed, webUrl, protocolVersion, blobAddress, maxFramePixels);
    }
}
