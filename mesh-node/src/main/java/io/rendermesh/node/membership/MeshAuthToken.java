package io.rendermesh.node.membership;

import io.rendermesh.protocol.wire.ProtocolVersion;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.MessageDigest;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checked by JGroups AUTH when a node joins: the joiner must speak a protocol version this mesh
 * speaks and, when the mesh has a key, prove it holds the same key. A refused joiner's connect
 * fails with a SecurityException instead of joining a mesh it cannot talk to.
 */
public class MeshAuthToken extends AuthToken {
    private static final Logger log = LoggerFactory.getLogger(MeshAuthToken.class);
    /** Overridable in tests to play an old or new peer. */
    static volatile int advertisedVersion = ProtocolVersion.CURRENT;

    private int version;
    private byte[] keyProof = new byte[0];

    public MeshAuthToken() {
    }

    MeshAuthToken(byte[] keyProof) {
        this.version = advertisedVersion;
        this.keyProof = keyProof == null ? new byte[0] : keyProof;
    }

    @Override
    public String getName() {
        return getClass().getName();
    }

    @Override
    public int size() {
        return Integer.BYTES * 2 + keyProof.length;
    }

    @Override
    public boolean authenticate(AuthToken token, Message msg) {
        if (!(token instanceof MeshAuthToken peer)) {
            log.warn("refused a node from {}: it sent no RenderMesh credentials", msg.getSrc());
            return false;
        }
        if (!ProtocolVersion.supported(peer.version)) {
            log.warn("refused node {}: it speaks mesh protocol {}, this mesh speaks {}..{}; upgrade it", msg.getSrc(),
                    peer.version, ProtocolVersion.MIN_SUPPORTED, ProtocolVersion.CURRENT);
            return false;
        }
        if (!MessageDigest.isEqual(keyProof, peer.keyProof)) {
            log.warn("refused node {}: its mesh key does not match this mesh's (--mesh-key-file)", msg.getSrc());
            return false;
        }
        return true;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(version);
        out.writeInt(keyProof.length);
        out.write(keyProof);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        version = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > 1024) throw new IOException("bad key proof length " + n);
        keyProof = new byte[n];
        in.readFully(keyProof);
    }
}
