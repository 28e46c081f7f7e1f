package io.rendermesh.node.sites;

import io.rendermesh.node.storage.BlobStream;
import io.rendermesh.protocol.message.MeshMessage.SiteSummary;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.SiteInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this node knows of the other sites of its bridge: the latest summary each site's master
 * sent, and whether the bridge reaches it. A site whose summaries stop is shown down. Confined to
 * the node's loop.
 */
public final class SiteDirectory {
    /** How often a site master tells the other sites what its site offers. */
    public static final long SUMMARY_MILLIS = 2_000;
    static final long STALE_MILLIS = 10_000;
    static final int MAX_SITES = 64;
    static final int MAX_NODES = 1_024;

    private record Heard(SiteSummary summary, long atMillis) {
    }

    private final String site;
    private final Clock clock;
    private final Set<String> gatewayHosts;
    private final Map<String, Heard> remote = new TreeMap<>();

    /**
     * @param gatewayHosts the addresses of the gateways this node was told of ({@code --bridge}):
     *                     the only hosts it fetches job files from, whatever a summary names
     */
    public SiteDirectory(String site, Clock clock, Set<String> gatewayHosts) {
        this.site = site;
        this.clock = clock;
        this.gatewayHosts = Set.copyOf(gatewayHosts);
    }

    /** A summary from node {@code fromNode} of site {@code fromSite}; returns why it is refused, or null. */
    public String received(String fromSite, SiteSummary s) {
        if (s.site() == null || !s.site().equals(fromSite)) return "it speaks for site " + s.site() + ", not its own";
        if (!Identifiers.isNodeName(s.site())) return "bad site name";
        if (s.site().equals(site)) return "it claims to be this site";
        if (s.nodes() == null || s.nodes().size() > MAX_NODES) return "bad node list";
        if (s.filesEndpoint() != null && !validEndpoint(s.filesEndpoint())) return "bad files endpoint";
        for (NodeResources n : s.nodes()) {
            if (n == null || !Identifiers.isNodeName(n.name()) || !fromSite.equals(n.site())) return "a node of another site in it";
        }
        if (!remote.containsKey(fromSite) && remote.size() >= MAX_SITES) return "too many sites";
        remote.put(fromSite, new Heard(s, clock.millis()));
        return null;
    }

    /** host:port with an IP literal for a host (so nothing is looked up in DNS on the loop) and a port above 1023. */
    static boolean validEndpoint(String endpoint) {
        String host = endpoint.length() > 64 ? null : BlobStream.host(endpoint);
        if (host == null || host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) return false;
        int port = BlobStream.port(endpoint);
        return port > 1023 && port <= 65535;
    }

    /** This site first, then the others by name. */
    public List<SiteInfo> sites(List<NodeResources> local, String localGateway, Map<String, Boolean> bridgeStates) {
        List<SiteInfo> out = new ArrayList<>();
        out.add(SiteInfo.of(site, true, localGateway, local));
        Map<String, Boolean> names = new TreeMap<>(bridgeStates);
        remote.keySet().forEach(k -> names.putIfAbsent(k, true));
        names.remove(site);
        for (var e : names.entrySet()) {
            Heard h = remote.get(e.getKey());
            List<NodeResources> nodes = h == null ? List.of() : h.summary().nodes();
            out.add(SiteInfo.of(e.getKey(), isUp(e.getKey(), bridgeStates), h == null ? null : h.summary().gateway(), nodes));
        }
        return out;
    }

    /** Up: its summaries are fresh and the bridge has not reported it down (a member told of no route yet still sees it up). */
    public boolean isUp(String site, Map<String, Boolean> bridgeStates) {
        if (Boolean.FALSE.equals(bridgeStates.get(site))) return false;
        Heard h = remote.get(site);
        return h != null && clock.millis() - h.atMillis() <= STALE_MILLIS;
    }

    /**
     * Where site {@code site}'s gateway streams job files, or null: only on a host of the bridge's
     * gateways, so a summary cannot send this node to connect anywhere else of its network. (A
     * gateway behind NAT names an address the other office cannot reach: files then cross as chunks.)
     */
    public String filesEndpoint(String site) {
        Heard h = remote.get(site);
        String endpoint = h == null ? null : h.summary().filesEndpoint();
        if (endpoint == null) return null;
        return gatewayHosts.contains(BlobStream.host(endpoint)) ? endpoint : null;
    }

    /** Every node of the other sites, as their last summaries listed them. */
    public List<NodeResources> remoteNodes() {
        long now = clock.millis();
        List<NodeResources> out = new ArrayList<>();
        for (Heard h : remote.values()) {
            if (now - h.atMillis() <= STALE_MILLIS) out.addAll(h.summary().nodes());
        }
        return out;
    }
}
