package io.rendermesh.node.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.NodeParts;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.MemoryStores;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member of the mesh (mallory) sends what it has no right to send. Every message is refused,
 * counted against mallory, and changes nothing on the honest nodes.
 */
class ForgedMessagesIT {
    @TempDir
    Path dir;
    private final InMemoryMesh hub = new InMemoryMesh();
    private final List<MeshNode> nodes = new ArrayList<>();
    private MeshTransport mallory;
    private MeshNode a;
    private MeshNode b;
    private String id;

    @BeforeEach
    void meshWithARunningJob() throws Exception {
        a = node("a");
        b = node("b");
        mallory = hub.transport("mallory");
        mallory.start(new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
            }

            @Override
            public void onView(List<String> members, boolean merged) {
            }
        });
        id = a.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-4\","
                + "\"width\":16,\"height\":9,\"samples\":4,\"params\":{\"frameMillis\":20000,\"passes\":4}}"), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> leasedTo("b") != null && b.api().job(id).frames().stream()
                .anyMatch(f -> "b".equals(f.node())));
    }

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private MeshNode node(String name) throws Exception {
        MemoryStores.Blobs blobs = new MemoryStores.Blobs();
        NodeParts parts = new NodeParts(hub.transport(name), blobs, new MemoryStores.Frames(dir.resolve(name + "-frames")),
                new MemoryStores.Journal(), ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve(name)),
                List.of(new SyntheticRenderer()), List.of("builtin:demo"), Clock.systemUTC());
        MeshNode n = MeshNode.start(NodeConfig.local(name, dir.resolve(name)).withSlots(1), parts);
        nodes.add(n);
        return n;
    }

    private FrameRecord leasedTo(String node) {
        return a.api().job(id).frames().stream().filter(f -> node.equals(f.node()) && f.state().inFlight()).findFirst().orElse(null);
    }

    /** Waits until both honest nodes have counted {@code n} refusals from mallory: the messages were handled. */
    private void awaitRefused(long n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().rejectedMessages().getOrDefault("mallory", 0L) >= n
                && b.api().rejectedMessages().getOrDefault("mallory", 0L) >= n);
    }

    @Test
    void aDeltaForAJobItDoesNotCoordinateIsRefusedEvenWithTheHighestEpoch() {
        JobRecord before = a.api().job(id);
        mallory.broadcast(new MeshMessage.JobDelta(id, Long.MAX_VALUE, 1, JobState.CANCELLED, 0, 1, null, Set.of(), List.of()));
        mallory.broadcast(new MeshMessage.JobDelta(id, before.epoch(), before.seq() + 1, JobState.CANCELLED, 0, 1, null,
                Set.of(), List.of()));
        awaitRefused(2);
        for (MeshNode n : nodes) {
            assertFalse(n.api().job(id).state().terminal(), n.api().nodeName() + ": " + n.api().job(id).state());
            assertEquals("a", n.api().job(id).coordinator());
        }
    }

    @Test
    void aSnapshotTakingTheJobOverIsRefused() {
        JobRecord r = a.api().job(id);
        JobRecord stolen = new JobRecord(r.id(), r.profile(), r.manifest(), r.submittedBy(), "mallory", r.site(),
                JobState.CANCELLED, r.priority(), r.samples(), r.createdAtMillis(), Long.MAX_VALUE, 0, r.frames(),
                r.blockedNodes(), null);
        mallory.broadcast(new MeshMessage.JobSnapshot(stolen));
        JobRecord posing = new JobRecord(r.id(), r.profile(), r.manifest(), r.submittedBy(), "a", r.site(),
                JobState.CANCELLED, r.priority(), r.samples(), r.createdAtMillis(), r.epoch() + 1, 0, r.frames(),
                r.blockedNodes(), null);
        mallory.broadcast(new MeshMessage.JobSnapshot(posing));
        awaitRefused(2);
        for (MeshNode n : nodes) {
            assertEquals("a", n.api().job(id).coordinator());
            assertEquals(r.epoch(), n.api().job(id).epoch());
            assertFalse(n.api().job(id).state().terminal());
        }
    }

    @Test
    void deskInputUnderAnotherNameOrForAnotherNodeAndAHandbackWithoutTheLeaseAreRefused() {
        FrameRecord held = leasedTo("b");
        mallory.send("b", new MeshMessage.NodeControl("r1", "b", "pause", null, "a"));            // posing as a
        mallory.send("a", new MeshMessage.NodeControl("r2", "b", "pause", null, "mallory"));      // b's desk, sent to a
        mallory.send("a", new MeshMessage.FrameHandback(id, held.frame(), held.attempts(), "forged",
                new MeshMessage.Handback("b", 3, "ab".repeat(32), 10)));                            // b's lease
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().rejectedMessages().getOrDefault("mallory", 0L) >= 2
                && b.api().rejectedMessages().getOrDefault("mallory", 0L) >= 1);
        for (MeshNode n : nodes) {
            assertTrue(n.api().nodes().stream().noneMatch(r -> r.state() == io.rendermesh.protocol.model.NodeState.PAUSED),
                    n.api().nodeName() + ": nobody paused");
        }
        FrameRecord now = a.api().job(id).frames().stream().filter(f -> f.frame() == held.frame()).findFirst().orElseThrow();
        assertEquals("b", now.node());
        assertTrue(now.state().inFlight(), now.toString());
    }

    @Test
    void aDeletionUnderAnotherNameIsRefusedAndARunningJobIsNotDeletedByAPeersWord() {
        mallory.broadcast(new MeshMessage.JobsDeleted(List.of(id), "a"));
        mallory.broadcast(new MeshMessage.JobsDeleted(List.of(id), "mallory"));
        awaitRefused(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> nodes.stream().allMatch(n -> n.api().jobs().stream().anyMatch(j -> j.id().equals(id))));
    }

    @Test
    void aFrameReportWithoutTheLeaseIsRefused() {
        FrameRecord held = leasedTo("b");
        mallory.send("a", new MeshMessage.FrameDone(id, held.frame(), held.attempts(), "mallory", "", 0, false));
        mallory.send("a", new MeshMessage.FrameDone(id, held.frame(), held.attempts(), "b", "", 0, false));
        mallory.send("a", new MeshMessage.FrameFailed(id, held.frame(), held.attempts(), "b", "forged", true));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().rejectedMessages().getOrDefault("mallory", 0L) >= 3);
        FrameRecord now = a.api().job(id).frames().stream().filter(f -> f.frame() == held.frame()).findFirst().orElseThrow();
        assertEquals("b", now.node());
        assertTrue(now.state().inFlight(), now.toString());
    }

    @Test
    void aJobIdThatIsAPathIsRefusedAndCreatesNothing() throws Exception {
        JobRecord r = a.api().job(id);
        JobRecord evil = new JobRecord("../../escaped", r.profile(), r.manifest(), "mallory", "mallory", r.site(),
                JobState.PENDING, r.priority(), r.samples(), r.createdAtMillis(), 1, 0, r.frames(), Set.of(), null);
        mallory.broadcast(new MeshMessage.JobSnapshot(evil));
        mallory.broadcast(new MeshMessage.FrameData(null, "../../escaped", 1, new byte[] {1, 2, 3}));
        awaitRefused(2);
        for (MeshNode n : nodes) assertEquals(1, n.api().jobs().size());
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("escaped")));
        }
        assertFalse(Files.exists(dir.getParent().resolve("escaped")));
    }

    @Test
    void aResourceEntryInAnotherNodesNameIsRefused() {
        NodeResources real = a.api().nodes().stream().filter(r -> r.name().equals("a")).findFirst().orElseThrow();
        mallory.broadcast(new MeshMessage.ResourcesAnnounce(real.withWebUrl("http://evil.example")));
        awaitRefused(1);
        for (MeshNode n : nodes) {
            NodeResources seen = n.api().nodes().stream().filter(r -> r.name().equals("a")).findFirst().orElseThrow();
            assertEquals(real.webUrl(), seen.webUrl());
        }
    }

    @Test
    void aMemberCannotPassOffResultsAsComingFromAnotherSite() {
        FrameRecord held = leasedTo("b");
        mallory.send("a", new MeshMessage.RemoteFrameDone(id, held.frame(), "x", "x1", false, 4, new byte[] {1}));
        mallory.broadcast(new MeshMessage.TakenJob(id, "x", "j0000000001"));
        awaitRefused(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().rejectedMessages().getOrDefault("mallory", 0L) >= 2);
        FrameRecord now = a.api().job(id).frames().stream().filter(f -> f.frame() == held.frame()).findFirst().orElseThrow();
        assertEquals("b", now.node());
        assertTrue(now.state().inFlight(), now.toString());
    }
}
