package io.rendermesh.protocol.wire;

/** A message or a peer speaks a protocol version this build does not. */
public class IncompatibleProtocolException extends RuntimeException {
    private final int version;

    public IncompatibleProtocolException(int version) {
        super("peer speaks mesh protocol version " + version + ", this node speaks " + ProtocolVersion.MIN_SUPPORTED
                + ".." + ProtocolVersion.CURRENT);
        this.version = version;
    }

    public int version() {
        return version;
    }
}
