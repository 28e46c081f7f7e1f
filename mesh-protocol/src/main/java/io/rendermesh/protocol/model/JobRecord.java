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
        return other == null || supersedes(epoch, coordinator, seq, other.epoch, other.coordinator, other.seq);
    }

    /**
     * The order of a job's copies: by epoch, then by seq. Two coordinators at one epoch (each side
     * of a partition took the job over from a coordinator that died) are ordered by name, so the
     * healed mesh settles on one of them instead of keeping both.
     */
    public static boolean supersedes(long epoch, String coordinator, long seq, long otherEpoch, String otherCoordinator, long otherSeq) {
        if (epoch != otherEpoch) return epoch > otherEpoch;
        if (coordinator != null && otherCoordinator != null && !coordinator.equals(otherCoordinator)) {
            return coordinator.compareTo(otherCoordinator) < 0;
        }
        return seq > otherSeq;
    }
}
