package io.rendermesh.node.scheduling;

import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduling decisions, as pure functions. A worker with a free slot ranks the jobs it could
 * work on ({@link #jobsToAsk}); the job's coordinator picks the frame ({@link #chooseFrame}).
 */
public final class Placement {
    private Placement() {
    }

    /**
     * Jobs this node should ask for work, best first: higher priority first; among equal priority
     * the job with fewest frames in flight (fair share), then the older job.
     */
    public static List<String> jobsToAsk(Collection<JobLoad> jobs, NodeResources self) {
        return jobs.stream()
                .filter(j -> j.state() == JobState.PENDING || j.state() == JobState.RUNNING)
                .filter(j -> j.pendingFrames() > 0)
                .filter(j -> !j.blockedNodes().contains(self.name()))
                .filter(j -> Capability.canRender(j.profile(), self))
                .sorted(Comparator.comparingInt(JobLoad::priority).reversed()
                        .thenComparingInt(JobLoad::inFlightFrames)
                        .thenComparingLong(JobLoad::createdAtMillis)
                        .thenComparing(JobLoad::jobId))
                .map(JobLoad::jobId)
                .toList();
    }

    /**
     * The frame to lease to a requester: the lowest-numbered pending frame, or -1 when none is
     * left. {@code fromIndex} is a hint: no frame before it is pending (frames are in frame order).
     */
    public static int chooseFrame(List<FrameRecord> frames, int fromIndex) {
        for (int i = Math.max(0, fromIndex); i < frames.size(); i++) {
            if (frames.get(i).state() == FrameState.PENDING) return frames.get(i).frame();
        }
        return -1;
    }

    /**
     * The frame to lease next under a job's {@code epoch}. A coordinator that took a job over
     * (odd epochs) works from the end: in a partition, the two sides' coordinators then render
     * different frames until they meet, and the merge has little work twice over.
     */
    public static int chooseFrame(List<FrameRecord> frames, int fromIndex, long epoch) {
        if (epoch % 2 == 0) return chooseFrame(frames, fromIndex);
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).state() == FrameState.PENDING) return frames.get(i).frame();
        }
        return -1;
    }

    public static int chooseFrame(List<FrameRecord> frames) {
        return chooseFrame(frames, 0);
    }

    /** Why a coordinator refuses a requester for a job, or null when it may get a frame. */
    public static String refusal(JobProfile profile, JobState state, Set<String> blocked, NodeResources requester) {
        if (state == JobState.PAUSED) return "job is paused";
        if (state.terminal()) return "job is " + state.wireName();
        if (requester == null) return "requester is not in the resource map yet";
        if (blocked.contains(requester.name())) return "node " + requester.name() + " is blocked for this job after repeated failures";
        if (!requester.state().takesNewFrames()) return "node " + requester.name() + " is " + requester.state().wireName();
        String mismatch = Capability.mismatch(profile, requester);
        return mismatch == null ? null : "node " + requester.name() + " " + mismatch;
    }

    /**
     * Why no node of the mesh can render a job (shown in GET /jobs/{id} while it waits), or null
     * when at least one node can.
     */
    public static String pendingReason(JobProfile profile, Collection<NodeResources> nodes, Set<String> blocked) {
        if (nodes.isEmpty()) return "no nodes in the mesh";
        TreeSet<String> reasons = new TreeSet<>();
        for (NodeResources n : nodes) {
            if (blocked.contains(n.name())) {
                reasons.add(n.name() + " is blocked after repeated failures");
                continue;
            }
            String mismatch = Capability.mismatch(profile, n);
            if (mismatch == null && n.state().takesNewFrames()) return null;
            reasons.add(n.name() + " " + (mismatch != null ? mismatch : "is " + n.state().wireName()));
        }
        return "no node can render this job now: " + String.join("; ", reasons);
    }
}
