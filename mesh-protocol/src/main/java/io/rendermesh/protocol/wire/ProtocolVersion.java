package io.rendermesh.protocol.wire;

/**
 * The versions of the mesh protocol this build speaks. A peer outside [MIN, CURRENT] is refused.
 * 2: the resource map carries each node's blob stream address (1 could not decode it).
 * 3: the resource map carries each node's largest frame (maxFramePixels); control replies carry
 *    the coordinator's decision by name, not an HTTP status; joins carry a fresh proof of the mesh
 *    key and mesh traffic is encrypted. 2 can decode none of it, so it is no longer supported.
 * 4: site summaries carry where the site's gateway streams job files to other sites.
 * 5: coordinators that lost a job in a partition merge hand the winner their side's control
 *    input and done frames (MergeClaim); a 4 could not decode it and the merge would lose them.
 * 6: frames split across nodes: work grants and samples carry the part (FramePart), parts report
 *    with PartDone, coordinators publish FrameParts; job profiles carry {@code split}. A 5 would
 *    render a part as a whole frame.
 */
public final class ProtocolVersion {
    public static final int CURRENT = 6;
    public static final int MIN_SUPPORTED = 6;
    /** The oldest journal this build reads: job records have kept their form since 3. */
    public static final int MIN_STORED = 3;

    private ProtocolVersion() {
    }

    public static boolean supported(int version) {
        return version >= MIN_SUPPORTED && version <= CURRENT;
    }
}
