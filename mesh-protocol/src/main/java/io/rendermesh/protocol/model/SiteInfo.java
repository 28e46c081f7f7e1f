package io.rendermesh.protocol.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One site as the API shows it: whether the bridge reaches it, its gateway, and what its nodes
 * offer together (nodes, slots, free slots, renderer packages and versions).
 */
public record SiteInfo(String name, String state, String gateway, int nodes, int slots, int freeSlots,
                       List<RendererInfo> renderers) {

    public static SiteInfo of(String name, boolean up, String gateway, Collection<NodeResources> nodes) {
        LinkedHashSet<RendererInfo> renderers = new LinkedHashSet<>();
        int slots = 0;
        int free = 0;
        for (NodeResources n : nodes) {
            slots += n.slots();
            free += n.freeSlots();
            for (RendererInfo r : n.renderers()) renderers.add(new RendererInfo(r.packageName(), r.version()));
        }
        return new SiteInfo(name, up ? "up" : "down", gateway, nodes.size(), slots, free, new ArrayList<>(renderers));
    }
}
