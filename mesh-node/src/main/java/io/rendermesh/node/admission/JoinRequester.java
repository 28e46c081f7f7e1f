package io.rendermesh.node.admission;

import io.rendermesh.node.discovery.MdnsDiscovery;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.membership.MeshKeyResolver;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyless node's side of admission: finds members of its mesh over mDNS, asks one to be let in,
 * and waits, showing its key's fingerprint, until a person approves it on any member. The mesh key
 * then arrives sealed to this node's one-off key pair.
 */
public final class JoinRequester implements MeshKeyResolver.Admission {
    private static final Logger log = LoggerFactory.getLogger(JoinRequester.class);
    static final long FIND_MILLIS = 7_000;
    static final long MAX_WAIT_MILLIS = 24 * 60 * 60_000L;
    static final long RETRY_MILLIS = 2_000;

    private final String name;
    private final String mesh;
    private final MdnsDiscovery mdns;
    private final InetAddress bind;

    public JoinRequester(String name, String mesh, MdnsDiscovery mdns, InetAddress bind) {
        this.name = name;
        this.mesh = mesh;
        this.mdns = mdns;
        this.bind = bind;
    }

    @Override
    public Optional<MeshKey> request() throws IOException, InterruptedException {
        mdns.start(bind);
        long deadline = System.currentTimeMillis() + FIND_MILLIS;
        while (mdns.admitters().isEmpty() && System.currentTimeMillis() < deadline) mdns.awaitPeers(250);
        if (mdns.admitters().isEmpty()) return Optional.empty();
        KeyPair keys = KeySeal.newKeyPair();
        String fingerprint = KeySeal.fingerprint(keys.getPublic());
        log.warn("node {} has no key for mesh '{}': it asked to join; approve it on a member (its web page, or "
                + "'rendermesh approve {}') after checking the fingerprint there is {}", name, mesh, name, fingerprint);
        System.err.println("rendermesh: waiting for approval to join mesh '" + mesh + "': on a member, run 'rendermesh approve "
                + name + "' (fingerprint " + fingerprint + ")");
        long giveUp = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        while (System.currentTimeMillis() < giveUp) {
            List<InetSocketAddress> members = mdns.admitters();
            for (InetSocketAddress member : members) {
                Optional<MeshKey> key = ask(member, keys, fingerprint);
                if (key.isPresent()) return key;
            }
            Thread.sleep(RETRY_MILLIS); // members restart or go away: ask again, bounded by giveUp
        }
        throw new IOException("nobody approved node " + name + " within " + MAX_WAIT_MILLIS / 3_600_000 + " hours");
    }

    /** One conversation with one member; empty when it ended without a decision (ask elsewhere). */
    Optional<MeshKey> ask(InetSocketAddress member, KeyPair keys, String fingerprint) {
        try (Socket s = new Socket()) {
            s.connect(member, AdmissionWire.HANDSHAKE_MILLIS);
            s.setSoTimeout(AdmissionWire.SILENCE_MILLIS);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] pub = keys.getPublic().getEncoded();
            out.writeInt(AdmissionWire.MAGIC);
            out.writeUTF(name);
            out.writeShort(pub.length);
            out.write(pub);
            out.flush();
            while (true) {
                byte status = in.readByte();
                if (status == AdmissionWire.PENDING || status == AdmissionWire.KEEP_ALIVE) continue;
                if (status == AdmissionWire.REFUSED) throw new IllegalStateException("mesh '" + mesh + "' refused node " + name + ": " + in.readUTF());
                if (status != AdmissionWire.APPROVED) return Optional.empty();
                int len = in.readUnsignedShort();
                if (len > KeySeal.MAX_SEALED_BYTES) return Optional.empty();
                byte[] raw = KeySeal.open(in.readNBytes(len), keys, AdmissionWire.sealContext(mesh, name, fingerprint));
                return Optional.of(MeshKey.ofRaw(raw));
            }
        } catch (IOException e) {
            log.debug("node {}: asking {} to join: {}", name, member, e.toString());
            return Optional.empty();
        } catch (java.security.GeneralSecurityException e) {
            log.warn("node {}: {} sent a key this node cannot open ({}); asking another member", name, member, e.getMessage());
            return Optional.empty();
        }
    }
}
