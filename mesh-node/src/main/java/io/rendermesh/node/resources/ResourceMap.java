package io.rendermesh.node.resources;

import io.rendermesh.protocol.model.NodeResources;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replicated resource map: every member's latest {@link NodeResources}. Each node writes only
 * its own entry (by broadcasting it); an entry goes when its node leaves the view. Thread-safe.
 */
public final class ResourceMap {
    private final Map<String, NodeResources> nodes = new ConcurrentHashMap<>();
    private volatile Set<String> members = Set.of();

    /** Records a node's announcement; ignored for nodes outside the current view. Returns whether it changed. */
    public boolean put(NodeResources r) {
        if (!members.isEmpty() && !members.contains(r.name())) return false;
        NodeResources old = nodes.put(r.name(), r);
        return !r.equals(old);
    }

    /** Keeps only the entries of the view's members. */
    public void retain(Collection<String> view) {
        members = Set.copyOf(view);
        nodes.keySet().retainAll(members);
    }

    public NodeResources get(String name) {
        return nodes.get(name);
    }

    public List<NodeResources> all() {
        return nodes.values().stream().sorted(Comparator.comparing(NodeResources::name)).toList();
    }
}
