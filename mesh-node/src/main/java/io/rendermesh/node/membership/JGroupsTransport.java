package io.rendermesh.node.membership;

import io.rendermesh.node.NodeConfig;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.wire.IncompatibleProtocolException;
import io.rendermesh.protocol.wire.WireFormat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.rendermesh.node.discovery.MdnsDiscovery;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh over JGroups: node names are the channel's logical names; messages travel as
 * {@link WireFormat} bytes. A message that cannot be decoded (an old peer, corruption) is logged
 * and dropped, never allowed to break delivery.
 */
public final class JGroupsTransport implements MeshTransport {
    private static final Logger log = LoggerFactory.getLogger(JGroupsTransport.class);
    private static final long DECODE_WARN_INTERVAL_MILLIS = 60_000;

    private final NodeConfig config;
    /** How long a node without seeds listens for mDNS peers before forming a mesh of its own. */
    static final long MDNS_WAIT_MILLIS = 7_000;
    static final long MDNS_JOIN_STAGGER_MILLIS = 15_000;
    static final long DISCOVERY_CHECK_MILLIS = 1_000;
    /** Nodes with the same key that started together may each form a mesh of one; MERGE3 joins them within this. */
    static final long MERGE_WAIT_MILLIS = 15_000;
    private final MdnsDiscovery mdns;
    private final Map<String, Address> byName = new ConcurrentHashMap<>();
    private final Map<Address, Long> lastDecodeWarning = new ConcurrentHashMap<>();
    private volatile List<String> members = List.of();
    private final java.util.concurrent.CountDownLatch joinedOthers = new java.util.concurrent.CountDownLatch(1);
    private JChannel channel;

    private final MeshKey key;

    /**
     * @param key  the mesh key (joins are proved and traffic encrypted with it), or null for a
     *             keyless loopback mesh
     * @param mdns LAN discovery to advertise on and take peers from, or null
     */
    public JGroupsTransport(NodeConfig config, MeshKey key, MdnsDiscovery mdns) {
        this(config, key, mdns, null);
    }

    /** @param bridge how this node's site is bridged to others, or null for a site of its own */
    public JGroupsTransport(NodeConfig config, MeshKey key, MdnsDiscovery mdns, SiteBridge bridge) {
        this(config, key, mdns, bridge, false);
    }

    /**
     * @param fresh a node that has never been in a mesh (no stored jobs): with no seed but itself it
     *              forms its mesh at once; a node that has been in one may be the seed the others
     *              list, so it waits the full join time for them rather than forming a mesh of one
     */
    public JGroupsTransport(NodeConfig config, MeshKey key, MdnsDiscovery mdns, SiteBridge bridge, boolean fresh) {
        this.config = config;
        this.key = key;
        this.mdns = mdns;
        this.bridge = bridge;
        this.fresh = fresh;
    }

    private final boolean fresh;

    private final SiteBridge bridge;
    private final SiteStates sites = new SiteStates();
    private volatile boolean siteMaster;

    @Override
    public void start(MeshListener listener) throws Exception {
        if (config.sharedLoopback()) {
            channel = new JChannel(JGroupsStack.sharedLoopback(config.name(), key, config.mesh()));
        } else {
            List<InetSocketAddress> seeds = new ArrayList<>(SeedList.parse(config.seeds()));
            InetAddress bind = bindAddress(config);
            // JGroups refuses port 0 with static discovery, so "any port" is chosen here
            int port = config.meshPort() > 0 ? config.meshPort() : freePortPair(bind);
            if (mdns != null) {
                mdns.start(bind);
                mdns.advertise(port, config.site());
                if (seeds.isEmpty()) {
                    List<InetSocketAddress> found = mdns.awaitPeers(MDNS_WAIT_MILLIS);
                    InetSocketAddress me = new InetSocketAddress(bind, port);
                    // nodes that start together would each form a mesh of one: the lowest address goes
                    // first, the others give it a moment so they join it
                    List<InetSocketAddress> lower = found.stream().filter(peer -> order(peer, me) < 0).toList();
                    if (!lower.isEmpty()) {
                        awaitListening(lower, MDNS_JOIN_STAGGER_MILLIS);
                        found = mdns.peers();
                    }
                    seeds.addAll(found);
                } else {
                    seeds.addAll(mdns.peers());
                }
            }
            log.info("node {}: joining mesh '{}' at {}:{} with seeds {}", config.name(), config.mesh(), bind.getHostAddress(), port, seeds);
            List<org.jgroups.stack.Protocol> stack = JGroupsStack.tcp(config.name(), bind, port, seeds, key, config.mesh(), fresh);
            if (bridge != null) SiteBridge.insert(stack, bridge.relay(master -> siteMaster = master, sites));
            channel = new JChannel(stack);
        }
        JGroupsStack.quiet(channel.getProtocolStack().getTransport());
        channel.name(config.name());
        channel.setDiscardOwnMessages(false);
        channel.setReceiver(new Receiver() {
            @Override
            public void receive(Message msg) {
                deliver(msg, listener);
            }

            @Override
            public void viewAccepted(View view) {
                List<String> names = new ArrayList<>();
                Map<String, Address> next = new ConcurrentHashMap<>();
                for (Address a : view.getMembers()) {
                    String name = nameOf(a);
                    if (next.containsKey(name)) log.warn("two members are named {}: give each node a unique --name", name);
                    next.put(name, a);
                    names.add(name);
                }
                byName.keySet().retainAll(next.keySet());
                byName.putAll(next);
                members = List.copyOf(names);
                if (names.size() > 1) joinedOthers.countDown();
                listener.onView(members, view instanceof MergeView);
            }
        });
        try {
            channel.connect(config.mesh());
        } catch (SecurityException e) {
            channel.close();
            throw new IllegalStateException("this node was refused by mesh '" + config.mesh() + "': " + e.getMessage(), e);
        }
        if (key != null && channel.getView().size() == 1 && !othersAnsweringDiscovery().isEmpty() && !mergedWithin(MERGE_WAIT_MILLIS)) {
            String why = refusal();
            channel.close();
            throw new IllegalStateException(why);
        }
        if (mdns != null) {
            // peers found while this node was forming its mesh are merged in through discovery
            mdns.onPeer(this::addPeer);
            mdns.peers().forEach(this::addPeer);
        }
    }

    /**
     * A joiner refused for its key never hears the refusal (it is encrypted under the mesh's key)
     * and ends alone: if others still answer discovery, it was refused rather than first.
     */
    private List<org.jgroups.protocols.PingData> othersAnsweringDiscovery() {
        List<org.jgroups.protocols.PingData> others = new ArrayList<>();
        org.jgroups.protocols.Discovery disc = channel.getProtocolStack().findProtocol(org.jgroups.protocols.Discovery.class);
        if (disc == null || channel.getAddress() == null) return others;
        org.jgroups.util.Responses found = disc.findMembers(null, false, true, DISCOVERY_CHECK_MILLIS);
        found.waitFor(DISCOVERY_CHECK_MILLIS);
        for (org.jgroups.protocols.PingData p : found) {
            if (!channel.getAddress().equals(p.getAddress())) others.add(p);
        }
        return others;
    }

    /**
     * Alone while others answer discovery: refused (a wrong key never hears its refusal), or started
     * at the same moment as them, in which case the meshes merge shortly.
     */
    private boolean mergedWithin(long millis) throws InterruptedException {
        return joinedOthers.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Why the mesh refused this node, as far as this node can tell. */
    private String refusal() {
        String prefix = "this node was refused by mesh '" + config.mesh() + "': ";
        for (org.jgroups.protocols.PingData p : othersAnsweringDiscovery()) {
            if (config.name().equals(p.getLogicalName())) {
                return prefix + "a member is already named " + config.name() + "; give this node another --name";
            }
        }
        if (key == null) return prefix + "its protocol version or key does not match (see the other nodes' logs)";
        return prefix + "its mesh key or protocol version does not match (get the code with 'rendermesh mesh-key' on a "
                + "member, then 'rendermesh node --join CODE')";
    }

    /** Adds a peer found after start (mDNS) to the seeds the next discovery round asks. */
    public void addPeer(InetSocketAddress peer) {
        if (channel == null || config.sharedLoopback()) return;
        TCPPING ping = channel.getProtocolStack().findProtocol(TCPPING.class);
        if (ping == null) return;
        List<org.jgroups.PhysicalAddress> hosts = new ArrayList<>(ping.getInitialHosts());
        IpAddress addr = new IpAddress(peer);
        if (!hosts.contains(addr)) {
            hosts.add(addr);
            ping.setInitialHosts2(hosts);
            log.info("node {}: discovered peer {}", config.name(), peer);
        }
    }

    private void deliver(Message msg, MeshListener listener) {
        Address src = msg.getSrc();
        MeshMessage m;
        try {
            byte[] bytes = msg.getArray();
            if (msg.getOffset() != 0 || msg.getLength() != bytes.length) {
                bytes = java.util.Arrays.copyOfRange(bytes, msg.getOffset(), msg.getOffset() + msg.getLength());
            }
            m = WireFormat.decode(bytes);
        } catch (IncompatibleProtocolException | WireFormat.WireFormatException e) {
            long now = System.currentTimeMillis();
            Long last = lastDecodeWarning.get(src);
            if (last == null || now - last > DECODE_WARN_INTERVAL_MILLIS) {
                lastDecodeWarning.put(src, now);
                log.warn("dropping a message from {}: {}", nameOf(src), e.getMessage());
            }
            return;
        }
        if (bridge != null && src instanceof org.jgroups.protocols.relay.SiteAddress sa && !bridge.site().equals(sa.getSite())) {
            String node = src instanceof org.jgroups.protocols.relay.SiteUUID su ? su.getName() : String.valueOf(src);
            listener.onSiteMessage(sa.getSite(), node, m);
            return;
        }
        listener.onMessage(nameOf(src), m);
    }

    private static String nameOf(Address a) {
        String n = NameCache.get(a);
        return n != null ? n : String.valueOf(a);
    }

    @Override
    public String localNode() {
        return config.name();
    }

    /** This node's JGroups address (tests address it directly, as an outsider would). */
    org.jgroups.Address jgroupsAddress() {
        return channel == null ? null : channel.getAddress();
    }

    @Override
    public String localAddress() {
        if (channel == null) return "";
        if (config.sharedLoopback()) return "loopback:" + config.name();
        TP tp = channel.getProtocolStack().getTransport();
        return tp.getBindAddress().getHostAddress() + ":" + tp.getBindPort();
    }

    @Override
    public List<String> members() {
        return members;
    }

    @Override
    public void broadcast(MeshMessage message) {
        send((Address) null, message);
    }

    @Override
    public void send(String node, MeshMessage message) {
        Address a = node == null ? null : byName.get(node);
        if (a == null) {
            log.debug("not sending {} to {}: not a member", message.getClass().getSimpleName(), node);
            return;
        }
        send(a, message);
    }

    @Override
    public boolean carriesBridge() {
        return bridge != null && siteMaster;
    }

    @Override
    public String siteMaster() {
        if (bridge == null || channel == null) return null;
        org.jgroups.protocols.relay.RELAY3 relay = channel.getProtocolStack().findProtocol(org.jgroups.protocols.relay.RELAY3.class);
        List<Address> masters = relay == null ? null : relay.siteMasters();
        return masters == null || masters.isEmpty() ? null : nameOf(masters.get(0));
    }

    @Override
    public java.util.Map<String, Boolean> sites() {
        return sites.snapshot();
    }

    /**
     * To every member of every site: a site master's multicast without NO_RELAY is relayed to the
     * other sites, whose masters multicast it there. Only the site master sends these.
     */
    @Override
    public void broadcastToSites(MeshMessage message) {
        if (carriesBridge()) send(null, message, false);
    }

    /** To another site's master, through the bridge (any node may send; RELAY3 routes it through this site's master). */
    @Override
    public void sendToSite(String site, MeshMessage message) {
        if (bridge != null && site != null && !site.equals(bridge.site())) {
            send(new org.jgroups.protocols.relay.SiteMaster(site), message, false);
        }
    }

    private void send(Address dest, MeshMessage message) {
        send(dest, message, true);
    }

    /** @param siteLocal a multicast stays in this site (RELAY3 would relay it to every site otherwise) */
    private void send(Address dest, MeshMessage message, boolean siteLocal) {
        JChannel ch = channel;
        if (ch == null || ch.isClosed()) return;
        try {
            Message msg = new BytesMessage(dest, WireFormat.encode(message));
            if (siteLocal && dest == null && bridge != null) msg.setFlag(Message.Flag.NO_RELAY);
            ch.send(msg);
        } catch (Exception e) {
            log.debug("send of {} failed: {}", message.getClass().getSimpleName(), e.toString());
        }
    }

    @Override
    public void close() {
        if (mdns != null) mdns.close();
        if (channel != null) channel.close();
    }

    /**
     * Waits until one of the peers accepts connections, then for as long as it takes that peer to
     * finish forming its mesh (its own join attempt times out first), at most {@code millis}.
     */
    private static void awaitListening(List<InetSocketAddress> peers, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (InetSocketAddress peer : peers) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(peer, 250);
                    Thread.sleep(JGroupsStack.JOIN_TIMEOUT_MILLIS + 1_000);
                    return;
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
    }

    static int order(InetSocketAddress a, InetSocketAddress b) {
        int c = java.util.Arrays.compare(a.getAddress().getAddress(), b.getAddress().getAddress());
        return c != 0 ? c : Integer.compare(a.getPort(), b.getPort());
    }

    /** A free port on the bind address whose failure-detection neighbour (port + 100, FD_SOCK2) is free too. */
    static int freePortPair(InetAddress bind) throws java.io.IOException {
        for (int i = 0; i < 100; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, bind)) {
                int port = s.getLocalPort();
                if (port + 100 > 65535) continue;
                try (java.net.ServerSocket t = new java.net.ServerSocket(port + 100, 1, bind)) {
                    return port;
                } catch (java.io.IOException busy) {
                    // try another
                }
            }
        }
        throw new java.io.IOException("no free mesh port on " + bind);
    }

    public static InetAddress bindAddress(NodeConfig config) throws java.io.IOException {
        if (config.bindAddr() != null) return InetAddress.getByName(config.bindAddr());
        return BindAddresses.firstSiteLocal().orElse(InetAddress.getLoopbackAddress());
    }
}
