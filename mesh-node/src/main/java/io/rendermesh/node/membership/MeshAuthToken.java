package io.rendermesh.node.membership;

import io.rendermesh.protocol.wire.ProtocolVersion;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checked by JGroups AUTH when a node joins or merges: the joiner must speak a protocol version
 * this mesh speaks and, in a mesh with a key, prove it holds the key without showing it. The proof
 * is an HMAC (under a key derived from the mesh key) over a fresh nonce, the time and the joiner's
 * own address, made anew every time the token is written to the wire; the mesh keeps the nonces
 * it has seen for the time window, so a captured join cannot be played again nor used from another
 * address. A refused joiner's connect fails with a SecurityException.
 */
public class MeshAuthToken extends AuthToken {
    private static final Logger log = LoggerFactory.getLogger(MeshAuthToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int NONCE_BYTES = 16;
    static final int MAC_BYTES = 32;
    /** Overridable in tests to play an old or new peer. */
    static volatile int advertisedVersion = ProtocolVersion.CURRENT;

    private final byte[] authKey;
    private final JoinReplayGuard guard;
    /** The joiner's node name: unique in a mesh, so a taken name is refused rather than merged. */
    private String name = "";
    private final java.time.Clock clock;
    private int version;
    private byte[] nonce = new byte[0];
    private long time;
    private byte[] mac = new byte[0];

    /** The form JGroups instantiates to read a peer's token. */
    public MeshAuthToken() {
        this("", null, null, java.time.Clock.systemUTC());
    }

    /** @param authKey the mesh's {@link MeshKey#authKey}, or null for a keyless (loopback) mesh */
    MeshAuthToken(String name, byte[] authKey, JoinReplayGuard guard, java.time.Clock clock) {
        this.name = name;
        this.authKey = authKey;
        this.guard = guard;
        this.clock = clock;
        this.version = advertisedVersion;
    }

    @Override
    public String getName() {
        return getClass().getName();
    }

    @Override
    public int size() {
        return Integer.BYTES + 2 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1
                + (authKey == null && mac.length == 0 ? 0 : NONCE_BYTES + Long.BYTES + MAC_BYTES);
    }

    @Override
    public boolean authenticate(AuthToken token, Message msg) {
        return refusal(token, msg) == null;
    }

    /** Why the joiner is refused (logged, and sent back to it), or null when it may join. */
    String refusal(AuthToken token, Message msg) {
        String why = check(token, msg);
        if (why != null) log.warn("refused node {}: {}", msg.getSrc(), why);
        return why;
    }

    private String check(AuthToken token, Message msg) {
        if (!(token instanceof MeshAuthToken peer)) return "it sent no RenderMesh credentials";
        // a merge leader sends its merge request to itself too; looped back in-process, never
        // serialized, it carries this very token (with no proof): without this a keyed mesh never
        // heals after a partition. A token read from the wire is always a new object.
        if (peer == this) return null;
        if (!ProtocolVersion.supported(peer.version)) {
            return "it speaks mesh protocol " + peer.version + ", this mesh speaks " + ProtocolVersion.MIN_SUPPORTED + ".."
                    + ProtocolVersion.CURRENT + "; upgrade it";
        }
        String taken = nameTaken(peer.name, msg.getSrc());
        if (taken != null) return taken;
        if (authKey == null) return null;
        if (peer.mac.length != MAC_BYTES) return "it has no mesh key (give it one with --join CODE, or approve it)";
        if (!MessageDigest.isEqual(peer.mac, proof(authKey, peer.version, peer.name, peer.nonce, peer.time, msg.getSrc()))) {
            return "its mesh key does not match this mesh's";
        }
        return guard.check(peer.nonce, peer.time, clock.millis());
    }

    /** Why the joiner's name cannot be its name in this mesh, or null. */
    private String nameTaken(String joinerName, Address joiner) {
        if (joinerName == null || joinerName.isEmpty()) return "it sent no node name";
        String cached = org.jgroups.util.NameCache.get(joiner);
        if (cached != null && !cached.equals(joinerName)) return "it calls itself " + joinerName + " but joins as " + cached;
        org.jgroups.View view = auth == null || auth.getProtocolStack() == null ? null : auth.getProtocolStack().getChannel().getView();
        if (view == null) return null;
        for (Address member : view.getMembers()) {
            if (!member.equals(joiner) && joinerName.equals(org.jgroups.util.NameCache.get(member))) {
                return "a member is already named " + joinerName + " (give each node a unique --name)";
            }
        }
        return null;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(version);
        out.writeUTF(name);
        if (authKey == null) {
            out.writeByte(0);
            return;
        }
        // a fresh proof for every join attempt: nothing a sniffer saw can be sent again
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        long now = clock.millis();
        out.writeByte(1);
        out.write(n);
        out.writeLong(now);
        out.write(proof(authKey, version, name, n, now, localAddress()));
    }

    /** The transport always knows this node's address; AUTH itself may not have been told yet. */
    private Address localAddress() {
        if (auth == null) return null;
        if (auth.getProtocolStack() != null && auth.getProtocolStack().getTransport() != null) {
            return auth.getProtocolStack().getTransport().addr();
        }
        return auth.addr();
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        version = in.readInt();
        name = in.readUTF();
        if (name.length() > 64) throw new IOException("bad join credentials");
        byte keyed = in.readByte();
        if (keyed == 0) return;
        if (keyed != 1) throw new IOException("bad join credentials");
        nonce = new byte[NONCE_BYTES];
        in.readFully(nonce);
        time = in.readLong();
        mac = new byte[MAC_BYTES];
        in.readFully(mac);
    }

    static byte[] proof(byte[] authKey, int version, String name, byte[] nonce, long time, Address joiner) {
        ByteBuffer b = ByteBuffer.allocate(Integer.BYTES + Long.BYTES);
        b.putInt(version).putLong(time);
        byte[] who = String.valueOf(joiner).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (joiner instanceof org.jgroups.util.UUID u) {
            who = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        }
        return MeshKey.hmac(authKey, "rendermesh-join".getBytes(java.nio.charset.StandardCharsets.US_ASCII), b.array(), nonce, who,
                name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
