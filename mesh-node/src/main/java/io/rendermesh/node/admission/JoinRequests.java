package io.rendermesh.node.admission;

import io.rendermesh.protocol.model.JoinRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The join requests this node shows to people: its own desk's and those other members announced.
 * A request leaves the list when its holder says its connection ended, when the holder leaves the
 * mesh, or when a member by that name appears. Confined to the node's loop.
 */
public final class JoinRequests {
    static final int MAX_LISTED = 64;

    private final Map<String, JoinRequest> byName = new LinkedHashMap<>();

    /** @return false when the list is full (a flood of requests cannot grow it) */
    public boolean put(JoinRequest r) {
        if (!byName.containsKey(r.name()) && byName.size() >= MAX_LISTED) return false;
        byName.put(r.name(), r);
        return true;
    }

    public void closed(String name, String fingerprint, String holder) {
        JoinRequest r = byName.get(name);
        if (r != null && r.fingerprint().equals(fingerprint) && r.holder().equals(holder)) byName.remove(name);
    }

    public Optional<JoinRequest> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public void remove(String name) {
        byName.remove(name);
    }

    /** A new view: requests whose holder left are gone with it; a name now in the mesh has joined. */
    public void retain(Collection<String> members) {
        byName.values().removeIf(r -> !members.contains(r.holder()) || members.contains(r.name()));
    }

    public List<JoinRequest> all() {
        return new ArrayList<>(byName.values());
    }
}
