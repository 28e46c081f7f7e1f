package io.rendermesh.node.admission;

import io.rendermesh.protocol.model.JoinRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The join requests this node shows to people: its own desk's and those other members announced.
 * Keyed by name and fingerprint: a second machine asking under a waiting node's name is listed
 * beside it, never in its place, so the fingerprint a person checked is the one approved. A request
 * leaves the list when its holder says its connection ended, when the holder leaves the mesh, or
 * when a member by that name appears. Confined to the node's loop.
 */
public final class JoinRequests {
    static final int MAX_LISTED = 64;

    private final Map<String, JoinRequest> byKey = new LinkedHashMap<>();

    private static String key(String name, String fingerprint) {
        return name + "/" + fingerprint;
    }

    /** @return false when the list is full (a flood of requests cannot grow it) */
    public boolean put(JoinRequest r) {
        String k = key(r.name(), r.fingerprint());
        JoinRequest old = byKey.get(k);
        if (old != null && !old.holder().equals(r.holder())) return true; // the first holder keeps it
        if (old == null && byKey.size() >= MAX_LISTED) return false;
        byKey.put(k, r);
        return true;
    }

    public void closed(String name, String fingerprint, String holder) {
        JoinRequest r = byKey.get(key(name, fingerprint));
        if (r != null && r.holder().equals(holder)) byKey.remove(key(name, fingerprint));
    }

    /** Every request under this name (more than one when machines ask under the same name). */
    public List<JoinRequest> named(String name) {
        return byKey.values().stream().filter(r -> r.name().equals(name)).toList();
    }

    public void remove(String name, String fingerprint) {
        byKey.remove(key(name, fingerprint));
    }

    /** A new view: requests whose holder left are gone with it; a name now in the mesh has joined. */
    public void retain(Collection<String> members) {
        byKey.values().removeIf(r -> !members.contains(r.holder()) || members.contains(r.name()));
    }

    public List<JoinRequest> all() {
        return new ArrayList<>(byKey.values());
    }
}
