package io.rendermesh.node.membership;

import java.net.InetAddress;
import java.time.Clock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PerDestinationBundler;
import org.jgroups.protocols.SHARED_LOOPBACK;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.SHARED_LOOPBACK_PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * The JGroups protocol stacks RenderMesh runs: TCP with static and mDNS-found seeds for real
 * meshes, SHARED_LOOPBACK for several nodes in one JVM. Both with failure detection, partition
 * healing (MERGE3), reliable ordered delivery, flow control and fragmentation of large frames.
 */
final class JGroupsStack {
    static final long JOIN_TIMEOUT_MILLIS = 2_000;
    /** A node with no seed but itself: nobody can answer its join, so it hardly waits. */
    static final long ALONE_JOIN_TIMEOUT_MILLIS = 100;
    static final int MAX_JOIN_ATTEMPTS = 4;
    /** A LAN peer answers a connect in well under a millisecond; one that does not is behind a broken link. */
    static final int SOCK_CONN_TIMEOUT_MILLIS = 500;

    private JGroupsStack() {
    }

    /** @param fresh a node with no data of its own yet: with no seed but itself it has no one to wait for */
    static List<Protocol> tcp(String name, InetAddress bindAddr, int port, List<InetSocketAddress> seeds, MeshKey key, String mesh,
                              boolean fresh) {
        TCP tcp = new TCP();
        tcp.setBindAddress(bindAddr);
        tcp.setBindPort(port);
        tcp.setPortRange(0);
        // a lease request is one small message: Nagle's algorithm would hold it ~40 ms
        tcp.tcpNodelay(true);
        // a peer behind a link that went down stops reading: with blocking sends the bundler thread
        // then waits on its full socket, and everything this node sends, to anyone, waits behind it
        // until the peer is suspected (the fault suite saw a coordinator unable to answer its own
        // side for 10 s). Per-connection queues drop instead; UNICAST3/NAKACK2 send again.
        tcp.nonBlockingSends(true);
        // one sender thread per peer: a connect to a peer behind a downed link blocks until it times
        // out, and with one thread for all peers (the default bundler) every message waited behind
        // it, so a coordinator could not answer its own side of a partition (seen in CI: 503s for 10 s
        // while discovery and merge probes kept trying the far side's addresses)
        tcp.setBundler(new PerDestinationBundler().useSingleSenderThread(false));
        tcp.setSockConnTimeout(SOCK_CONN_TIMEOUT_MILLIS);
        TCPPING ping = new MeshPing();
        ping.setInitialHosts(seeds);
        ping.setPortRange(0);
        FD_SOCK2 fdSock = new FD_SOCK2();
        fdSock.setBindAddress(bindAddr);
        List<Protocol> stack = new ArrayList<>(List.of(tcp, ping));
        // with no seed but itself there is no one to wait for: the first node of a mesh is up at once
        InetSocketAddress self = new InetSocketAddress(bindAddr, port);
        boolean alone = fresh && seeds.stream().allMatch(self::equals);
        stack.addAll(common(name, key, mesh, fdSock, alone ? ALONE_JOIN_TIMEOUT_MILLIS : JOIN_TIMEOUT_MILLIS));
        return stack;
    }

    static List<Protocol> sharedLoopback(String name, MeshKey key, String mesh) {
        SHARED_LOOPBACK transport = new SHARED_LOOPBACK();
        List<Protocol> stack = new ArrayList<>(List.of(transport, new SHARED_LOOPBACK_PING()));
        stack.addAll(common(name, key, mesh, null, JOIN_TIMEOUT_MILLIS));
        return stack;
    }

    /**
     * Turns off JGroups diagnostics, which would otherwise open a socket on 0.0.0.0 and join a
     * multicast group. Call after the channel was built (the handler exists) and before connect.
     */
    static void quiet(TP transport) {
        if (transport.getDiagnosticsHandler() != null) transport.getDiagnosticsHandler().setEnabled(false);
    }

    /** AES-GCM under a key derived from the mesh key (see {@link MeshEncrypt}). */
    private static SYM_ENCRYPT encryption(MeshKey key, String mesh) {
        SYM_ENCRYPT enc = new MeshEncrypt();
        enc.setSecretKey(key.encryptionKey(mesh));
        return enc;
    }

    static final int FLOW_CREDITS = 32 * 1024 * 1024;

    /** @param key null: a keyless mesh (loopback only), clear text */
    private static List<Protocol> common(String name, MeshKey key, String mesh, FD_SOCK2 fdSock, long joinTimeout) {
        List<Protocol> p = new ArrayList<>();
        p.add(new MeshMerge().setMinInterval(2_000).setMaxInterval(5_000).setCheckInterval(8_000));
        if (fdSock != null) p.add(fdSock);
        p.add(new FD_ALL3().setTimeout(8_000).setInterval(2_000));
        p.add(new VERIFY_SUSPECT2());
        // below the encryption: discovery, merge and failure detection (no job, file or frame in them);
        // above it: every message that carries our payload
        if (key != null) p.add(encryption(key, mesh));
        p.add(new NAKACK2());
        p.add(new UNICAST3());
        p.add(new STABLE());
        AUTH auth = new MeshAuth();
        MeshAuthToken token = new MeshAuthToken(name, key == null ? null : key.authKey(mesh), new JoinReplayGuard(), Clock.systemUTC());
        auth.setAuthToken(token);
        token.setAuth(auth); // the token signs this node's address, which it reads through AUTH's stack
        p.add(auth);
        // a refused joiner cannot read its rejection (encrypted): it gives up after these attempts
        GMS gms = new GMS().setJoinTimeout(joinTimeout).setMaxJoinAttempts(MAX_JOIN_ATTEMPTS);
        gms.printLocalAddress(false); // it would print a banner on stdout, where the node prints its ready line
        p.add(gms);
        // job files move between nodes as 1 MB chunks, several in flight: with the default credits a
        // bundle transfer would stall on flow control
        p.add(new UFC().setMaxCredits(FLOW_CREDITS));
        p.add(new MFC().setMaxCredits(FLOW_CREDITS));
        p.add(new FRAG4());
        return p;
    }
}
