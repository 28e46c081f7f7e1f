package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.protocol.model.FrameRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Leases the job table shows for this node that it is not rendering (it restarted, or a grant was
 * lost): due to go back to their coordinator once a grace period has passed that covers a grant
 * still on its way. Confined to the node's loop thread.
 */
final class OrphanedLeases {
    static final long GRACE_MILLIS = 3_000;

    /** A lease to give back; {@code first} the first time it is due (it is due each call until it is gone). */
    record Orphan(JobEntry job, FrameRecord frame, boolean first) {
    }

    private final Map<String, Long> since = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    /** @param renderingHere whether this node renders (job id, frame) now */
    List<Orphan> due(Collection<JobEntry> jobs, String self, BiPredicate<String, Integer> renderingHere, long now) {
        Set<String> seen = new HashSet<>();
        List<Orphan> due = new ArrayList<>();
        for (JobEntry job : jobs) {
            if (job.state().terminal() || job.inFlight() == 0) continue;
            for (FrameRecord f : job.frameList()) {
                if (!f.state().inFlight() || !self.equals(f.node()) || renderingHere.test(job.id(), f.frame())) continue;
                String k = job.id() + "#" + f.frame() + "@" + f.attempts();
                seen.add(k);
                if (now - since.computeIfAbsent(k, x -> now) >= GRACE_MILLIS) due.add(new Orphan(job, f, reported.add(k)));
            }
        }
        since.keySet().retainAll(seen);
        reported.retainAll(seen);
        return due;
    }
}
