package io.rendermesh.protocol.wire;

/**
 * The versions of the mesh protocol this build speaks. A peer outside [MIN, CURRENT] is refused.
 * 2: the resource map carries each node's blob stream address (1 could not decode it).
 */
public final class ProtocolVersion {
    public static final int CURRENT = 2;
    public static final int MIN_SUPPORTED = 2;

    private ProtocolVersion() {
    }

    public static boolean supported(int version) {
        return version >= MIN_SUPPORTED && version <= CURRENT;
    }
}
