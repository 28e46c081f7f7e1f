package io.rendermesh.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.api.NodeApi.ControlCommand;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.MemoryStores;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole nodes wired by MeshNode over an in-memory transport with in-memory stores. */
class MeshNodeIT {
    @TempDir
    Path dir;
    private final InMemoryMesh hub = new InMemoryMesh();
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private MeshNode node(String name, int slots) throws Exception {
        NodeParts parts = io.rendermesh.node.testkit.TestNodes.memoryParts(hub, name, dir, List.of("builtin:demo"));
        MeshNode n = MeshNode.start(NodeConfig.local(name, dir.resolve(name)).withSlots(slots), parts);
        nodes.add(n);
        return n;
    }

    private static String synthetic(String frames, int millis) {
        return "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"" + frames
                + "\",\"width\":16,\"height\":9,\"samples\":4,\"params\":{\"frameMillis\":" + millis + ",\"passes\":4}}";
    }

    @Test
    void twoNodesRenderAJobTogether() throws Exception {
        MeshNode a = node("a", 1);
        MeshNode b = node("b", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2 && b.api().nodes().size() == 2);
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-10", 40)), List.of());
        a.api().events().subscribe(id, events::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().job(id).state() == JobState.DONE);
        JobRecord job = b.api().job(id);
        assertEquals(JobState.DONE, job.state());
        assertEquals(Set.of("a", "b"), job.frames().stream().map(FrameRecord::node).collect(Collectors.toSet()));
        assertTrue(b.api().frame(id, 3).get().isPresent());
        assertTrue(a.api().frame(id, 4).get().isPresent());
        assertTrue(events.stream().anyMatch(e -> e.type().equals("job-done")));
    }

    @Test
    void cancelStopsRunningFramesAndFreesSlots() throws Exception {
        MeshNode a = node("a", 2);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-10", 5_000)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).frames().stream().anyMatch(f -> f.state().inFlight()));
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("cancel", null, null)).get().kind());
        await().atMost(Duration.ofSeconds(1)).until(() -> a.api().nodes().get(0).busySlots() == 0);
        assertEquals(JobState.CANCELLED, a.api().job(id).state());
        assertTrue(a.api().job(id).frames().stream().allMatch(f -> f.state() == FrameState.CANCELLED));
    }

    @Test
    void acceptFrameFinishesARenderingFrameAsItStands() throws Exception {
        MeshNode a = node("a", 1);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1", 20_000)), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().job(id).frames().get(0).samplesDone() >= 1);
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("accept-frame", 1, null)).get().kind());
        await().atMost(Duration.ofSeconds(2)).until(() -> a.api().job(id).state() == JobState.DONE);
        assertTrue(a.api().job(id).frames().get(0).accepted());
        assertTrue(a.api().frame(id, 1).get().isPresent());
    }

    private static String withParams(String frames, int millis, String params, String extra) {
        return "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"" + frames
                + "\",\"width\":16,\"height\":9,\"samples\":4,\"params\":{\"frameMillis\":" + millis + params + "}" + extra + "}";
    }

    @Test
    void pausedJobStartsNoNewFramesUntilResumed() throws Exception {
        MeshNode a = node("a", 1);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-6", 150)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).frames().stream().anyMatch(f -> f.state().inFlight()));
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("pause", null, null)).get().kind());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).frames().stream().noneMatch(f -> f.state().inFlight()));
        long done = a.api().job(id).framesDone();
        assertEquals(JobState.PAUSED, a.api().job(id).state());
        assertTrue(done < 6);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> a.api().job(id).framesDone() == done);
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("resume", null, null)).get().kind());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().job(id).state() == JobState.DONE);
    }

    @Test
    void higherPriorityJobIsServedFirst() throws Exception {
        MeshNode a = node("a", 1);
        List<String> assigned = new CopyOnWriteArrayList<>();
        a.api().events().subscribe(null, e -> {
            if (e.type().equals("frame-assigned")) assigned.add(e.jobId());
        });
        // long enough that the worker does not lease its next frame (during the last pass) before both jobs exist
        String blocker = a.api().submit(JobProfileJson.parse(synthetic("1", 1_500)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(blocker).frames().get(0).state().inFlight());
        String low = a.api().submit(JobProfileJson.parse(withParams("1-2", 10, "", ",\"priority\":10")), List.of());
        String high = a.api().submit(JobProfileJson.parse(withParams("1-2", 10, "", ",\"priority\":90")), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().job(low).state() == JobState.DONE);
        assertEquals(List.of(blocker, high, high, low, low), assigned);
    }

    @Test
    void setSamplesChangesTheTargetOfPendingFrames() throws Exception {
        MeshNode a = node("a", 1);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-3", 2_000)), List.of());
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("set-samples", null, 64)).get().kind());
        JobRecord job = a.api().job(id);
        assertEquals(64, job.samples());
        assertTrue(job.frames().stream().filter(f -> f.state() == FrameState.PENDING).allMatch(f -> f.samplesTotal() == 64));
        assertEquals(ControlOutcome.Kind.BAD_INPUT, a.api().control(id, new ControlCommand("set-samples", null, 0)).get().kind());
        a.api().control(id, new ControlCommand("cancel", null, null)).get();
    }

    @Test
    void rerenderSendsADoneFrameBackToPending() throws Exception {
        MeshNode a = node("a", 1);
        List<Object> doneFrames = new CopyOnWriteArrayList<>();
        a.api().events().subscribe(null, e -> {
            if (e.type().equals("frame-done")) doneFrames.add(e.data().get("frame"));
        });
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-2", 10)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).state() == JobState.DONE);
        assertEquals(ControlOutcome.Kind.ACCEPTED, a.api().control(id, new ControlCommand("rerender-frame", 2, null)).get().kind());
        await().atMost(Duration.ofSeconds(5)).until(() -> doneFrames.stream().filter(f -> f.equals(2)).count() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).state() == JobState.DONE);
        assertEquals(ControlOutcome.Kind.BAD_INPUT, a.api().control(id, new ControlCommand("rerender-frame", 99, null)).get().kind());
        assertEquals(ControlOutcome.Kind.BAD_INPUT, a.api().control(id, new ControlCommand("explode", null, null)).get().kind());
    }

    @Test
    void failingFramesAreRetriedElsewhereAndTheFailingNodeIsBlocked() throws Exception {
        MeshNode a = node("a", 1);
        String id = a.api().submit(JobProfileJson.parse(withParams("1-4", 10, ",\"failFrames\":\"2,3\"", ",\"maxAttempts\":2")), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().job(id).state().terminal() || a.api().job(id).pendingReason() != null);
        JobRecord job = a.api().job(id);
        assertTrue(job.blockedNodes().contains("a"), "blocked: " + job.blockedNodes());
        assertTrue(job.pendingReason() != null || job.state() == JobState.FAILED, String.valueOf(job.pendingReason()));
    }

    @Test
    void whenTheCoordinatorDiesTheSuccessorFinishesEveryFrameOnce() throws Exception {
        MeshNode a = node("a", 1);
        MeshNode b = node("b", 1);
        MeshNode c = node("c", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> c.api().nodes().size() == 3);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-20", 60)), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> b.api().job(id).framesDone() >= 4);
        a.close();
        nodes.remove(a);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.api().job(id).state() == JobState.DONE);
        JobRecord job = c.api().job(id);
        assertEquals(JobState.DONE, job.state());
        assertTrue(Set.of("b", "c").contains(job.coordinator()));
        assertEquals(2, job.epoch());
        for (FrameRecord f : job.frames()) {
            assertEquals(FrameState.DONE, f.state());
        }
    }

    @Test
    void aWatchingNodeSeesSamplesOfAFrameBeforeItsFrameDone() throws Exception {
        MeshNode a = node("a", 1);
        MeshNode b = node("b", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2);
        List<NodeEvent> seen = new CopyOnWriteArrayList<>();
        b.api().events().subscribe(null, seen::add);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-4", 400)), List.of());
        b.api().watch(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.api().job(id).state() == JobState.DONE);
        for (int frame = 1; frame <= 4; frame++) {
            int f = frame;
            List<String> types = seen.stream().filter(e -> e.jobId().equals(id) && Integer.valueOf(f).equals(e.data().get("frame")))
                    .map(NodeEvent::type).toList();
            int done = types.indexOf("frame-done");
            assertTrue(done > 0, "frame " + f + " events " + types);
            assertTrue(types.subList(0, done).contains("sample"), "frame " + f + " events " + types);
            assertTrue(!types.subList(done, types.size()).contains("sample"), "frame " + f + " events " + types);
        }
        assertTrue(b.api().preview(id, 2).get().isPresent());
    }

    @Test
    void theFirstPreviewRequestOnANodeThatNeverWatchedTheJobGetsTheLatestSample() throws Exception {
        MeshNode a = node("a", 1);
        MeshNode b = node("b", 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2);
        assertTrue(b.api().controlNode("b", "pause", null).get().isAccepted(), "only a renders, so b has no sample of its own");
        String id = a.api().submit(JobProfileJson.parse(synthetic("1", 4_000)), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.api().preview(id, 1).get().isPresent());
        var first = b.api().preview(id, 1).get();
        assertTrue(first.isPresent(), "fetched from the submitter on the first request, not a 404");
        assertTrue(first.get().pass() >= 1);
    }

    @Test
    void aRestartedNodeRecoversItsJobsFromItsJournal() throws Exception {
        MemoryStores.Journal journal = new MemoryStores.Journal();
        MemoryStores.Blobs blobs = new MemoryStores.Blobs();
        NodeParts parts = new NodeParts(hub.transport("a"), blobs, new MemoryStores.Frames(dir.resolve("a-frames")),
                journal, ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve("a")),
                List.of(new SyntheticRenderer()), List.of(), Clock.systemUTC());
        MeshNode a = MeshNode.start(NodeConfig.local("a", dir.resolve("a")).withSlots(1), parts);
        String id = a.api().submit(JobProfileJson.parse(synthetic("1-40", 50)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().job(id).framesDone() >= 2);
        a.close();
        NodeParts again = new NodeParts(hub.transport("a"), blobs, new MemoryStores.Frames(dir.resolve("a-frames2")),
                journal, ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve("a")),
                List.of(new SyntheticRenderer()), List.of(), Clock.systemUTC());
        MeshNode restarted = MeshNode.start(NodeConfig.local("a", dir.resolve("a")).withSlots(2), again);
        nodes.add(restarted);
        await().atMost(Duration.ofSeconds(20)).until(() -> restarted.api().job(id).state() == JobState.DONE);
    }
}
