package io.rendermesh.node.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jgroups.JChannel;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.relay.RELAY3;
import org.jgroups.protocols.relay.RouteStatusListener;
import org.jgroups.protocols.relay.config.RelayConfig;
import org.jgroups.stack.Protocol;

/**
 * The bridge between sites: RELAY3 in every node's stack (between NAKACK2 and UNICAST3), and on
 * the site master a second channel, the bridge, joining the gateways of all sites over TCP. Only
 * gateways (nodes with a bridge port) may become site master, so a workstation that sleeps never
 * carries it. The bridge is joined and encrypted with the site key, exactly as a mesh is with its
 * mesh key: no key, no bridge, nothing readable.
 *
 * @param gatewayPort this node's bridge port, 0 when it is not a gateway
 * @param gateways    the bridge ports of every site's gateways (this site's other ones included)
 */
public record SiteBridge(String site, String nodeName, InetAddress bind, int gatewayPort, List<InetSocketAddress> gateways,
                         MeshKey siteKey) {
    static final String BRIDGE_CLUSTER = "rendermesh-bridge";

    public boolean gateway() {
        return gatewayPort > 0;
    }

    /** The RELAY3 for this node's site stack. */
    RELAY3 relay(java.util.function.Consumer<Boolean> siteMaster, RouteStatusListener status) {
        // RELAY3 makes the coordinator site master when no gateway is in the view: give a
        // workstation no bridge to start then, so it never carries one
        RelayConfig.SiteConfig cfg = new RelayConfig.SiteConfig(site);
        if (gateway()) cfg.addBridge(new FreshBridge(BRIDGE_CLUSTER, this::bridgeStack));
        RELAY3 relay = new RELAY3().site(site);
        relay.canBecomeSiteMaster(gateway());
        relay.setMaxSiteMasters(1);
        relay.addSite(site, cfg);
        relay.setRouteStatusListener(status);
        relay.setSiteMasterListener(siteMaster);
        return relay;
    }

    /** Inserts RELAY3 right above NAKACK2, so cross-site unicasts are retransmitted end to end by UNICAST3. */
    static void insert(List<Protocol> stack, RELAY3 relay) {
        for (int i = 0; i < stack.size() - 1; i++) {
            if (stack.get(i) instanceof NAKACK2 && stack.get(i + 1) instanceof UNICAST3) {
                stack.add(i + 1, relay);
                return;
            }
        }
        throw new IllegalStateException("the mesh stack has no NAKACK2 directly below UNICAST3");
    }

    /** A fresh stack each time this node becomes site master (a closed bridge's protocols cannot be reused). */
    private List<Protocol> bridgeStack() {
        TCP tcp = new TCP();
        tcp.setBindAddress(bind);
        tcp.setBindPort(gatewayPort);
        tcp.setPortRange(0);
        tcp.tcpNodelay(true);
        MeshPing ping = new MeshPing();
        ping.setInitialHosts(gateways);
        ping.setPortRange(0);
        List<Protocol> p = new ArrayList<>(List.of(tcp, ping));
        p.add(new MeshMerge().setMinInterval(2_000).setMaxInterval(5_000).setCheckInterval(8_000));
        p.add(new FD_ALL3().setTimeout(8_000).setInterval(2_000));
        p.add(new VERIFY_SUSPECT2());
        MeshEncrypt enc = new MeshEncrypt();
        enc.setSecretKey(siteKey.encryptionKey(BRIDGE_CLUSTER));
        p.add(enc);
        p.add(new NAKACK2());
        p.add(new UNICAST3());
        p.add(new STABLE());
        MeshAuth auth = new MeshAuth();
        // RELAY3 names a bridge channel "_" + the node's name
        MeshAuthToken token = new MeshAuthToken("_" + nodeName, siteKey.authKey(BRIDGE_CLUSTER), new JoinReplayGuard(), Clock.systemUTC());
        auth.setAuthToken(token);
        token.setAuth(auth);
        p.add(auth);
        GMS gms = new GMS().setJoinTimeout(JGroupsStack.JOIN_TIMEOUT_MILLIS).setMaxJoinAttempts(JGroupsStack.MAX_JOIN_ATTEMPTS);
        gms.printLocalAddress(false);
        p.add(gms);
        p.add(new FRAG4());
        return p;
    }

    private static final class FreshBridge extends RelayConfig.BridgeConfig {
        private final Supplier<List<Protocol>> stack;

        FreshBridge(String cluster, Supplier<List<Protocol>> stack) {
            super(cluster);
            this.stack = stack;
        }

        @Override
        public JChannel createChannel() throws Exception {
            JChannel ch = new JChannel(stack.get());
            JGroupsStack.quiet(ch.getProtocolStack().getTransport());
            return ch;
        }
    }
}
