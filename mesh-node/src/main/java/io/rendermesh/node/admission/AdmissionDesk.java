package io.rendermesh.node.admission;

import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.JoinRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's side of admission: keyless nodes found the mesh over mDNS and wait here, one
 * connection each, until a person approves them on any member (the key is then sealed to the
 * newcomer's public key and sent) or they go away. Bounded: a few waiting newcomers, a deadline
 * for the request, and a lifetime for each wait.
 */
public final class AdmissionDesk implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdmissionDesk.class);
    static final int MAX_WAITING = 16;
    /** One machine cannot hold the desk shut: it may wait under at most this many names at once. */
    static final int MAX_WAITING_PER_ADDRESS = 2;
    static final long MAX_WAIT_MILLIS = 60 * 60_000;

    /** What the node does with requests; called on the desk's threads. */
    public interface Listener {
        /** @return why the request is refused (a member has the name...), or null to list it */
        String opened(JoinRequest request);

        void closed(JoinRequest request);
    }

    private record Waiting(JoinRequest request, PublicKey key, LinkedBlockingQueue<Boolean> decision) {
    }

    private final String self;
    private final String mesh;
    private final MeshKey meshKey;
    private final Clock clock;
    private final ServerSocket server;
    private final Semaphore slots = new Semaphore(MAX_WAITING);
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "admission");
        t.setDaemon(true);
        return t;
    });
    private volatile Listener listener;

    public AdmissionDesk(String self, String mesh, MeshKey meshKey, InetAddress bind, Clock clock) throws IOException {
        this.self = self;
        this.mesh = mesh;
        this.meshKey = meshKey;
        this.clock = clock;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0), 16);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void start(Listener l) {
        this.listener = l;
        threads.execute(this::acceptLoop);
    }

    /** Admits the newcomer waiting here under this name and fingerprint; false when it waits elsewhere. */
    public boolean approve(String name, String fingerprint) {
        Waiting w = waiting.get(name);
        if (w == null || !w.request().fingerprint().equals(fingerprint)) return false;
        return w.decision().offer(Boolean.TRUE);
    }

    /** The requests waiting on this member, to announce again after a view change. */
    public java.util.List<JoinRequest> waiting() {
        return waiting.values().stream().map(Waiting::request).toList();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                if (!slots.tryAcquire()) {
                    s.close();
                    continue;
                }
                threads.execute(() -> {
                    try (s) {
                        serve(s);
                    } catch (IOException | InterruptedException e) {
                        log.debug("admission connection ended: {}", e.toString());
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) log.debug("admission accept failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket s) throws IOException, InterruptedException {
        s.setSoTimeout(AdmissionWire.HANDSHAKE_MILLIS);
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        if (in.readInt() != AdmissionWire.MAGIC) return;
        String name = in.readUTF();
        int keyLen = in.readUnsignedShort();
        if (!Identifiers.isNodeName(name) || keyLen > KeySeal.MAX_PUBLIC_KEY_BYTES) return;
        PublicKey key;
        try {
            key = KeySeal.publicKey(in.readNBytes(keyLen));
        } catch (java.security.GeneralSecurityException e) {
            refuse(out, "that is not an EC public key");
            return;
        }
        String peer = s.getInetAddress().getHostAddress();
        if (waiting.values().stream().filter(w -> w.request().address().equals(peer)).count() >= MAX_WAITING_PER_ADDRESS) {
            refuse(out, "this machine already has " + MAX_WAITING_PER_ADDRESS + " requests waiting to join");
            return;
        }
        JoinRequest request = new JoinRequest(name, peer, KeySeal.fingerprint(key), clock.millis(), self);
        Waiting w = new Waiting(request, key, new LinkedBlockingQueue<>(1));
        if (waiting.putIfAbsent(name, w) != null) {
            refuse(out, "a node named " + name + " is already waiting to join");
            return;
        }
        try {
            String refusal = listener.opened(request);
            if (refusal != null) {
                refuse(out, refusal);
                return;
            }
            log.info("node {}: {} at {} asks to join (fingerprint {}); approve it with 'rendermesh approve {}'",
                    self, name, peer, request.fingerprint(), name);
            out.writeByte(AdmissionWire.PENDING);
            out.flush();
            awaitDecision(w, out);
        } finally {
            waiting.remove(name, w);
            listener.closed(request);
        }
    }

    private void awaitDecision(Waiting w, DataOutputStream out) throws IOException, InterruptedException {
        long deadline = clock.millis() + MAX_WAIT_MILLIS;
        while (clock.millis() < deadline) {
            Boolean approved = w.decision().poll(AdmissionWire.KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
            if (approved == null) {
                out.writeByte(AdmissionWire.KEEP_ALIVE); // a newcomer that went away fails this write
                out.flush();
                continue;
            }
            JoinRequest r = w.request();
            byte[] sealed;
            try {
                sealed = KeySeal.seal(meshKey.raw(), w.key(), AdmissionWire.sealContext(mesh, r.name(), r.fingerprint()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot seal the mesh key: " + e.getMessage(), e);
            }
            out.writeByte(AdmissionWire.APPROVED);
            out.writeShort(sealed.length);
            out.write(sealed);
            out.flush();
            log.info("node {}: {} admitted; the mesh key went to it sealed to its key {}", self, r.name(), r.fingerprint());
            return;
        }
        refuse(out, "nobody approved this node within " + MAX_WAIT_MILLIS / 60_000 + " minutes; start it again to ask again");
    }

    private static void refuse(DataOutputStream out, String reason) throws IOException {
        out.writeByte(AdmissionWire.REFUSED);
        out.writeUTF(reason);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
