package io.rendermesh.node.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.testkit.TestNodes;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node six times slower than the other holds the job's last frame: the fast node renders it too, and wins. */
class StragglerCopyIT {
    @TempDir
    Path dir;
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    @Test
    void theStragglersFrameIsCopiedAndTheLoserCancelledLeavingOneRender() throws Exception {
        String mesh = "straggler-" + UUID.randomUUID();
        Map<String, AtomicInteger> renders = CountingRenderer.tally();
        MeshNode fast = TestNodes.startSharedLoopback(mesh, "fast", dir, List.of(new CountingRenderer(renders)));
        nodes.add(fast);
        nodes.add(TestNodes.startSharedLoopback(mesh, "slow", dir, List.of(new CountingRenderer(renders, new SyntheticRenderer(6)))));
        await().atMost(Duration.ofSeconds(20)).until(() -> fast.api().nodes().size() == 2);
        long start = System.nanoTime();
        String id = fast.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-3\","
                + "\"width\":16,\"height\":9,\"samples\":1,\"params\":{\"frameMillis\":700,\"passes\":7}}"), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.api().job(id).state().terminal());
        double seconds = (System.nanoTime() - start) / 1e9;
        JobRecord job = fast.api().job(id);
        assertEquals(JobState.DONE, job.state());
        // the slow node took one frame (4.2 s there); the fast node rendered the other two, and once that one had
        // run three of its frames' time, rendered it too (0.7 s)
        assertTrue(job.frames().stream().allMatch(f -> f.node().equals("fast")), "frames by " + job.frames());
        assertTrue(seconds < 4.0, "the job did not wait for the slow node: " + seconds + " s");
        await().atMost(Duration.ofSeconds(5)).until(() -> renders.values().stream().mapToInt(AtomicInteger::get).sum() == 3);
        assertTrue(renders.values().stream().allMatch(n -> n.get() == 1), "each frame rendered to the end once: " + renders);
        assertTrue(fast.api().frame(id, 2).get().isPresent());
    }
}
