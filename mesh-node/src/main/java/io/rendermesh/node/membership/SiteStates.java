package io.rendermesh.node.membership;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.protocols.relay.RouteStatusListener;

/** Which other sites the bridge reaches now, as RELAY3 reports them to every member of this site. */
final class SiteStates implements RouteStatusListener {
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();

    @Override
    public void sitesUp(String... sites) {
        for (String s : sites) up.put(s, true);
    }

    @Override
    public void sitesDown(String... sites) {
        for (String s : sites) up.put(s, false);
    }

    @Override
    public void sitesUnreachable(String... sites) {
        sitesDown(sites);
    }

    Map<String, Boolean> snapshot() {
        return new TreeMap<>(up);
    }
}
