package io.rendermesh.protocol.wire;

/** The versions of the mesh protocol this build speaks. A peer outside [MIN, CURRENT] is refused. */
public final class ProtocolVersion {
    public static final int CURRENT = 1;
    public static final int MIN_SUPPORTED = 1;

    private ProtocolVersion() {
    }

    public static boolean supported(int version) {
        return version >= MIN_SUPPORTED && version <= CURRENT;
    }
}
