package io.rendermesh.node.discovery;

import io.rendermesh.protocol.wire.ProtocolVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds other nodes of the same mesh on the LAN with mDNS (service {@value #SERVICE_TYPE}, TXT:
 * mesh, site, protocol, port, node) and advertises this one. Discovery only proposes addresses;
 * JGroups decides membership.
 */
public final class MdnsDiscovery implements AutoCloseable {
    public static final String SERVICE_TYPE = "_rendermesh._tcp.local.";
    private static final Logger log = LoggerFactory.getLogger(MdnsDiscovery.class);

    private final String mesh;
    private final String node;
    private final Map<String, InetSocketAddress> peers = new ConcurrentHashMap<>();
    /** Members that take join requests from keyless nodes (TXT admit=PORT). */
    private final Map<String, InetSocketAddress> admitters = new ConcurrentHashMap<>();
    private volatile int admissionPort;
    private final Set<Consumer<InetSocketAddress>> listeners = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstPeer = new CountDownLatch(1);
    private JmDNS jmdns;

    public MdnsDiscovery(String mesh, String node) {
        this.mesh = mesh;
        this.node = node;
    }

    /** Starts browsing on the interface of {@code bindAddr}; call {@link #advertise} once the mesh port is known. */
    public synchronized void start(InetAddress bindAddr) throws IOException {
        if (jmdns != null) return; // a keyless node browses first, to find a member to ask for the key
        jmdns = JmDNS.create(bindAddr, "rendermesh-" + node);
        jmdns.addServiceListener(SERVICE_TYPE, new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                jmdns.requestServiceInfo(event.getType(), event.getName(), 1_000);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                peers.remove(event.getName());
                admitters.remove(event.getName());
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                resolved(event.getInfo());
            }
        });
    }

    private void resolved(ServiceInfo info) {
        if (!mesh.equals(info.getPropertyString("mesh")) || node.equals(info.getPropertyString("node"))) return;
        String version = info.getPropertyString("protocol");
        InetAddress[] addrs = info.getInet4Addresses().length > 0 ? info.getInet4Addresses() : info.getInetAddresses();
        if (addrs.length == 0) return;
        int port;
        try {
            port = Integer.parseInt(info.getPropertyString("port"));
        } catch (NumberFormatException | NullPointerException e) {
            port = info.getPort();
        }
        InetSocketAddress peer = new InetSocketAddress(addrs[0], port);
        String admit = info.getPropertyString("admit");
        if (admit != null && admit.matches("[0-9]{1,5}") && Integer.parseInt(admit) > 0 && Integer.parseInt(admit) < 65536) {
            admitters.put(info.getName(), new InetSocketAddress(addrs[0], Integer.parseInt(admit)));
        }
        if (peers.put(info.getName(), peer) == null) {
            log.info("mDNS: found node {} of mesh {} at {} (protocol {})", info.getPropertyString("node"), mesh, peer, version);
            listeners.forEach(l -> l.accept(peer));
            firstPeer.countDown();
        }
    }

    /** Members with the key take join requests on this port; call before {@link #advertise}. */
    public void setAdmissionPort(int port) {
        this.admissionPort = port;
    }

    public void advertise(int meshPort, String site) throws IOException {
        Map<String, String> txt = new java.util.HashMap<>(Map.of("mesh", mesh, "site", site,
                "protocol", Integer.toString(ProtocolVersion.CURRENT), "port", Integer.toString(meshPort), "node", node));
        if (admissionPort > 0) txt.put("admit", Integer.toString(admissionPort));
        jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, mesh + "-" + node, meshPort, 0, 0, txt));
    }

    /** Waits up to {@code millis} for the first peer; returns the peers known then. */
    public List<InetSocketAddress> awaitPeers(long millis) throws InterruptedException {
        firstPeer.await(millis, TimeUnit.MILLISECONDS);
        return peers();
    }

    /** Members found so far that take join requests. */
    public List<InetSocketAddress> admitters() {
        return new ArrayList<>(admitters.values());
    }

    public List<InetSocketAddress> peers() {
        return new ArrayList<>(peers.values());
    }

    public void onPeer(Consumer<InetSocketAddress> listener) {
        listeners.add(listener);
    }

    /** JmDNS.close() blocks about two seconds (it says goodbye): done off the caller's thread. */
    @Override
    public void close() {
        JmDNS j = jmdns;
        if (j == null) return;
        Thread t = new Thread(() -> {
            try {
                j.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }, "mdns-close");
        t.setDaemon(true);
        t.start();
    }
}
