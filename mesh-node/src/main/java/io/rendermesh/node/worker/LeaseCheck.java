package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;

/** Whether a grant can be rendered here, and a render this node runs still has its lease, judged from this node's replica of the job: pure functions. */
final class LeaseCheck {
    /** Why a grant goes straight back; {@code counts}: the attempt counts against the frame (this node cannot render it at all). */
    record Refusal(String reason, boolean counts) {
    }

    private LeaseCheck() {
    }

    /**
     * Why this node cannot take a grant of {@code job}, or null: its desk's person came back (the
     * grant crossed that), it lacks the job's renderer, or the grant names rows outside the frame.
     */
    static Refusal refusal(JobEntry job, String self, NodeResources me, boolean hasRenderer, FramePart part) {
        if (me != null && !me.state().takesNewFrames()) return new Refusal("node " + self + " is " + me.state().wireName(), false);
        if (!hasRenderer) return new Refusal("node " + self + " cannot render this job", true);
        if (part != null && part.rowTo() > job.profile().height()) return new Refusal("a part outside the frame", true);
        return null;
    }

    /**
     * Why the render of {@code frame} under lease {@code attempt} must stop, or null while it may go
     * on. A whole frame needs the frame leased here under that attempt; a part of a split frame, the
     * split of {@code grantedBy} still standing; a straggler's copy, only that the frame has not ended.
     */
    static String revoked(JobEntry job, String self, int frame, int attempt, FramePart part, boolean copy, String grantedBy) {
        if (job.state() == JobState.CANCELLED) return "job cancelled";
        FrameRecord f = job.frame(frame);
        if (f == null) return "frame not in job";
        if (f.state() == FrameState.DONE || f.state() == FrameState.CANCELLED || f.state() == FrameState.FAILED) {
            return "frame is " + f.state().wireName();
        }
        if (copy) return null; // a straggler's copy renders beside the frame's lease holder until one of them finishes
        if (part != null) {
            // the split is the coordinator's to track; a frame still pending under an older attempt means
            // the split's delta is on its way, behind the grant
            int split = attempt / 1000;
            if (f.attempts() > split) return "the frame was split again";
            // a coordinator that took the job over splits the frame afresh, and may number its leases alike
            if (f.state().inFlight() && f.node() != null && !f.node().equals(grantedBy)) return "the frame was split again by " + f.node();
            if (f.attempts() == split && !f.state().inFlight()) return "the frame's split was given up";
            return null;
        }
        if (f.state().inFlight() && (!self.equals(f.node()) || f.attempts() != attempt)) return "frame went to " + f.node();
        if (f.state() == FrameState.PENDING && f.attempts() >= attempt) return "lease expired";
        return null;
    }
}
