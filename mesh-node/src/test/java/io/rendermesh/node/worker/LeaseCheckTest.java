package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.protocol.model.FramePart;
import org.junit.jupiter.api.Test;

class LeaseCheckTest {
    private final JobTable table = new JobTable(WorkRequestsTest.CLOCK, e -> { }, (j, f) -> { });
    private static final FramePart PART = new FramePart(0, 2, 0, 2, 0, 90);

    private JobEntry job() throws Exception {
        return table.create(WorkRequestsTest.job("j0123456789", 2, 50));
    }

    private void lease(JobEntry job, int frame, String node) {
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.assign(job.frame(frame), node, "default", 0));
        c.commit();
    }

    @Test
    void aGrantGoesBackWhenTheDeskIsInUseTheRendererIsMissingOrThePartLiesOutsideTheFrame() throws Exception {
        JobEntry job = job();
        var me = new io.rendermesh.protocol.model.NodeResources("w", "127.0.0.1:0", "default", java.util.List.of(), 2, 4096, "test",
                java.util.List.of(), 1, 0, io.rendermesh.protocol.model.NodeState.IDLE, 1, null, 6, null, Long.MAX_VALUE);
        assertNull(LeaseCheck.refusal(job, "w", me, true, null));
        var inUse = LeaseCheck.refusal(job, "w", me.withLoad(0, io.rendermesh.protocol.model.NodeState.IN_USE), true, null);
        assertEquals("node w is in-use", inUse.reason());
        assertEquals(false, inUse.counts(), "the desk's person came back: not the frame's fault");
        assertEquals(new LeaseCheck.Refusal("node w cannot render this job", true), LeaseCheck.refusal(job, "w", me, false, null));
        int height = job.profile().height();
        assertEquals("a part outside the frame",
                LeaseCheck.refusal(job, "w", me, true, new io.rendermesh.protocol.model.FramePart(0, 2, 0, 1, height - 4, height + 1)).reason());
        assertNull(LeaseCheck.refusal(job, "w", me, true, new io.rendermesh.protocol.model.FramePart(0, 2, 0, 1, 0, height)));
    }

    @Test
    void aWholeFrameRendersWhileItIsLeasedHereUnderThatAttempt() throws Exception {
        JobEntry job = job();
        lease(job, 1, "w");
        assertNull(LeaseCheck.revoked(job, "w", 1, 1, null, false, "c"));
        assertEquals("frame went to w", LeaseCheck.revoked(job, "x", 1, 1, null, false, "c"));
        assertEquals("lease expired", LeaseCheck.revoked(job, "w", 2, 0, null, false, "c"), "frame 2 is pending: an attempt-0 lease is gone");
    }

    @Test
    void aPartRendersWhileItsSplitStandsAndAGrantMayBeatTheSplitsDelta() throws Exception {
        JobEntry job = job();
        assertNull(LeaseCheck.revoked(job, "w", 1, 1001, PART, false, "c"), "the frame still shows pending: the delta is on its way");
        lease(job, 1, "c");
        assertNull(LeaseCheck.revoked(job, "w", 1, 1001, PART, false, "c"), "split by c, which granted it");
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.release(job.frame(1), "c left"));
        c.commit();
        assertEquals("the frame's split was given up", LeaseCheck.revoked(job, "w", 1, 0, PART, false, "c"));
        lease(job, 1, "d");
        assertEquals("the frame was split again by d", LeaseCheck.revoked(job, "w", 1, 1001, PART, false, "c"),
                "d took the job over and split the frame afresh under the same attempt");
    }

    @Test
    void aCopyRendersUntilTheFrameEnds() throws Exception {
        JobEntry job = job();
        lease(job, 1, "slow");
        assertNull(LeaseCheck.revoked(job, "fast", 1, 1_000_001, null, true, "c"));
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.finish(job.frame(1), "slow", "default", false));
        c.commit();
        assertEquals("frame is done", LeaseCheck.revoked(job, "fast", 1, 1_000_001, null, true, "c"));
    }
}
