package io.rendermesh.protocol.model;

import java.util.List;
import java.util.Set;

/**
 * A job as replicated to every node: its profile, files, who coordinates it and every frame's
 * state. {@code epoch} grows each time another node takes the job over; {@code seq} grows with
 * each change its coordinator publishes, so receivers can tell a stale copy from a fresh one.
 */
public record JobRecord(
        String id,
        JobProfile profile,
        List<BundleEntry> manifest,
        String submittedBy,
        String coordinator,
        String site,
        JobState state,
        int priority,
        int samples,
        long createdAtMillis,
        long epoch,
        long seq,
        List<FrameRecord> frames,
        Set<String> blockedNodes,
        String pendingReason) {

    public JobRecord {
        manifest = manifest == null ? List.of() : List.copyOf(manifest);
        frames = frames == null ? List.of() : List.copyOf(frames);
        blockedNodes = blockedNodes == null ? Set.of() : Set.copyOf(blockedNodes);
    }

    public long framesDone() {
        return frames.stream().filter(f -> f.state() == FrameState.DONE).count();
    }

    /** Whether this copy should replace {@code other} in a replica. */
    public boolean newerThan(JobRecord other) {
        return other == null || epoch > other.epoch || (epoch == other.epoch && seq > other.seq);
    }
}
