package io.rendermesh.node;



import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three nodes in one JVM over JGroups SHARED_LOOPBACK, with real storage and the synthetic renderer. */
class ThreeNodeMeshIT {
    @TempDir
    Path dir;
    private final List<MeshNode> nodes = new ArrayList<>();
    private final String mesh = "it-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private MeshNode start(String name, List<String> tags) throws Exception {
        NodeConfig config = NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh).withSlots(2).withTags(tags);
        MeshNode node = MeshNode.start(config);
        nodes.add(node);
        return node;
    }

    private void startThree() throws Exception {
        start("a", List.of());
        start("b", List.of("gpu"));
        start("c", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(n -> n.api().nodes().size() == 3));
    }

    private static String synthetic(String frames, int millis, String extra) {
        return "{\"name\":\"t\",\"scene\":\"none\",\"renderer\":{\"package\":\"synthetic\"},\"frames\":\"" + frames
                + "\",\"width\":32,\"height\":18,\"samples\":4,\"params\":{\"frameMillis\":" + millis + ",\"passes\":2}" + extra + "}";
    }

    private JobRecord awaitDone(NodeApi node, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> node.job(id).state().terminal());
        return node.job(id);
    }

    @Test
    void splitsAJobsFramesAcrossTheMeshAndAnyNodeServesAnyFrame() throws Exception {
        startThree();
        String id = nodes.get(0).api().submit(JobProfileJson.parse(synthetic("1-24", 100, "")), List.of());
        JobRecord job = awaitDone(nodes.get(1).api(), id);
        assertEquals(JobState.DONE, job.state());
        Set<String> renderedBy = job.frames().stream().map(FrameRecord::node).collect(Collectors.toSet());
        assertTrue(renderedBy.size() >= 2, "frames rendered by " + renderedBy);
        for (MeshNode n : nodes) {
            for (int f : List.of(1, 12, 24)) {
                Optional<byte[]> png = n.api().frame(id, f).get();
                assertTrue(png.isPresent() && png.get().length > 8, "node " + n.api().nodeName() + " frame " + f);
            }
        }
    }

    @Test
    void aJobThatNeedsATagRendersOnlyOnTheNodeThatHasIt() throws Exception {
        startThree();
        String id = nodes.get(0).api().submit(JobProfileJson.parse(synthetic("1-6", 20,
                ",\"requirements\":{\"tags\":[\"gpu\"]}")), List.of());
        JobRecord job = awaitDone(nodes.get(0).api(), id);
        assertEquals(JobState.DONE, job.state());
        assertEquals(Set.of("b"), job.frames().stream().map(FrameRecord::node).collect(Collectors.toSet()));
    }

    @Test
    void aJobNoNodeCanRenderStaysPendingWithItsReason() throws Exception {
        startThree();
        String id = nodes.get(2).api().submit(JobProfileJson.parse(synthetic("1-2", 20,
                ",\"requirements\":{\"tags\":[\"nowhere\"]}")), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(0).api().job(id).pendingReason() != null);
        JobRecord job = nodes.get(0).api().job(id);
        assertEquals(JobState.PENDING, job.state());
        assertTrue(job.pendingReason().contains("lacks tag 'nowhere'"), job.pendingReason());
    }

    @Test
    void whenTheCoordinatorDiesASurvivorFinishesTheJobWithEveryFrameOnce() throws Exception {
        startThree();
        MeshNode submitter = nodes.get(0);
        String id = submitter.api().submit(JobProfileJson.parse(synthetic("1-30", 150, "")), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(1).api().job(id).framesDone() >= 3);
        submitter.close();
        nodes.remove(submitter);
        JobRecord job = awaitDone(nodes.get(1).api(), id);
        assertEquals(JobState.DONE, job.state(), () -> job.frames().toString());
        assertTrue(Set.of("b", "c").contains(job.coordinator()), job.coordinator());
        assertEquals(30, job.frames().stream().filter(f -> f.state() == FrameState.DONE).count());
        for (int f = 1; f <= 30; f++) {
            assertTrue(nodes.get(1).api().frame(id, f).get().isPresent(), "frame " + f);
        }
    }
}
