package io.rendermesh.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.api.NodeApi.ControlCommand;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
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
class MeshNodeTest {
    @TempDir
    Path dir;
    private final DirectHub hub = new DirectHub();
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private MeshNode node(String name, int slots) throws Exception {
        MemoryStores.Blobs blobs = new MemoryStores.Blobs();
        NodeParts parts = new NodeParts(hub.transport(name), blobs, new MemoryStores.Frames(dir.resolve(name + "-frames")),
                new MemoryStores.Journal(), ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve(name)),
                List.of(new SyntheticRenderer()), List.of("builtin:demo"), Clock.systemUTC());
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
        await().atMost(Duration.ofSeconds(5)).until(() -> a.nodes().size() == 2 && b.nodes().size() == 2);
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        String id = a.submit(JobProfileJson.parse(synthetic("1-10", 40)), List.of());
        a.events().subscribe(id, events::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.job(id).state() == JobState.DONE);
        JobRecord job = b.job(id);
        assertEquals(JobState.DONE, job.state());
        assertEquals(Set.of("a", "b"), job.frames().stream().map(FrameRecord::node).collect(Collectors.toSet()));
        assertTrue(b.frame(id, 3).get().isPresent());
        assertTrue(a.frame(id, 4).get().isPresent());
        assertTrue(events.stream().anyMatch(e -> e.type().equals("job-done")));
    }

    @Test
    void cancelStopsRunningFramesAndFreesSlots() throws Exception {
        MeshNode a = node("a", 2);
        String id = a.submit(JobProfileJson.parse(synthetic("1-10", 5_000)), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.job(id).frames().stream().anyMatch(f -> f.state().inFlight()));
        assertEquals(202, a.control(id, new ControlCommand("cancel", null, null)).get().status());
        await().atMost(Duration.ofSeconds(2)).until(() -> a.nodes().get(0).busySlots() == 0);
        assertEquals(JobState.CANCELLED, a.job(id).state());
        assertTrue(a.job(id).frames().stream().allMatch(f -> f.state() == FrameState.CANCELLED));
    }

    @Test
    void acceptFrameFinishesARenderingFrameAsItStands() throws Exception {
        MeshNode a = node("a", 1);
        String id = a.submit(JobProfileJson.parse(synthetic("1", 20_000)), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.job(id).frames().get(0).samplesDone() >= 1);
        assertEquals(202, a.control(id, new ControlCommand("accept-frame", 1, null)).get().status());
        await().atMost(Duration.ofSeconds(2)).until(() -> a.job(id).state() == JobState.DONE);
        assertTrue(a.job(id).frames().get(0).accepted());
        assertTrue(a.frame(id, 1).get().isPresent());
    }
}
