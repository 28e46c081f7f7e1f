package io.rendermesh.node.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.jobs.LeaseNumbers;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.testkit.ManualClock;
import io.rendermesh.node.testkit.RecordingTransport;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import io.rendermesh.protocol.message.MeshMessage.FrameProgress;
import io.rendermesh.protocol.message.MeshMessage.WorkDenied;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.message.MeshMessage.WorkerCommand;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end of a job on a mesh with a node 3× slower: it leaves the last frames to the fast node, and its straggler is copied. */
class StragglerCopiesTest {
    private static final String JOB = "j0123456789";
    private final ManualClock clock = new ManualClock(1_000_000);
    private final RecordingTransport transport = new RecordingTransport("c", List.of("c", "fast", "slow"));
    private final JobTable table = new JobTable(clock, e -> { }, (j, f) -> { });
    private final ResourceMap resources = new ResourceMap();
    private final Coordinator coordinator = new Coordinator("c", "default", table, resources, transport, clock);
    private int requests;

    private static NodeResources node(String name) {
        return new NodeResources(name, "127.0.0.1:0", "default", List.of(new RendererInfo("synthetic", "1.0")), 2, 4096, "test",
                List.of(), 1, 0, NodeState.IDLE, 1, null, 6, null, Long.MAX_VALUE);
    }

    private void start(int frames) {
        for (String n : List.of("fast", "slow")) resources.put(node(n));
        table.create(CoordinatorLeasesTest.jobRecord("synthetic", frames, 1));
    }

    /** One request from {@code node}: the grant it got, or null when denied. */
    private WorkGrant ask(String node) {
        transport.sent.clear();
        coordinator.onWorkRequest(new WorkRequest("r" + requests++, JOB, node));
        WorkGrant g = transport.sent.stream().filter(s -> s.message() instanceof WorkGrant).map(s -> (WorkGrant) s.message()).findFirst()
                .orElse(null);
        // the render starts at once and says so after its first pass
        if (g != null) coordinator.onProgress(new FrameProgress(JOB, g.frame(), g.attempt(), node, 1, 4));
        return g;
    }

    private void done(String node, WorkGrant g) {
        transport.sent.clear();
        coordinator.onFrameDone(new FrameDone(JOB, g.frame(), g.attempt(), node, "ab".repeat(32), 10, false));
    }

    private FrameRecord frame(int n) {
        return table.get(JOB).frame(n);
    }

    @Test
    void aNodeThreeTimesSlowerLeavesTheLastFrameToTheFastOne() {
        start(6);
        WorkGrant s = ask("slow");
        ask("fast");
        for (int i = 0; i < 3; i++) {
            clock.advance(200);
            done("fast", new WorkGrant(null, JOB, i + 2, 1, 1, null, null));
            ask("fast");
        }
        done("slow", s); // 600 ms after it began: the slow node is measured
        assertNull(ask("slow"), "one frame waits, and the fast node takes it sooner");
        assertTrue(transport.sent.get(0).message() instanceof WorkDenied d && d.reason().contains("faster nodes"), "" + transport.sent);
        assertEquals(6, ask("fast").frame());
    }

    @Test
    void anIdleFastNodeCopiesTheStragglerAndTheCopyWins() {
        start(3);
        WorkGrant f1 = ask("fast");
        WorkGrant s2 = ask("slow");
        clock.advance(200);
        done("fast", f1);
        WorkGrant f3 = ask("fast");
        clock.advance(200);
        done("fast", f3);
        WorkGrant copy = ask("fast");
        assertEquals(2, copy.frame(), "frame 2 did one pass of four in 400 ms on the slow node; the fast node takes 200 ms a frame");
        assertTrue(LeaseNumbers.isCopy(copy.attempt()));
        assertEquals("slow", frame(2).node(), "the slow node keeps its lease meanwhile");
        clock.advance(200);
        done("fast", copy);
        assertEquals(FrameState.DONE, frame(2).state());
        assertEquals("fast", frame(2).node());
        assertTrue(transport.sent.stream().anyMatch(m -> "slow".equals(m.to()) && m.message() instanceof WorkerCommand c
                && c.command().equals("cancel") && c.attempt() == s2.attempt()), "the loser is cancelled: " + transport.sent);
        done("slow", s2);
        assertEquals("fast", frame(2).node(), "the loser's late result changes nothing");
    }

    @Test
    void whenTheOriginalFinishesFirstTheCopyIsCancelled() {
        start(2);
        WorkGrant f1 = ask("fast");
        WorkGrant s2 = ask("slow");
        clock.advance(200);
        done("fast", f1);
        clock.advance(900);
        WorkGrant copy = ask("fast");
        assertEquals(2, copy.frame());
        done("slow", s2);
        assertEquals("slow", frame(2).node());
        assertTrue(transport.sent.stream().anyMatch(m -> "fast".equals(m.to()) && m.message() instanceof WorkerCommand c
                && c.attempt() == copy.attempt()), "the copy is cancelled: " + transport.sent);
        done("fast", copy);
        assertEquals("slow", frame(2).node());
    }
}
