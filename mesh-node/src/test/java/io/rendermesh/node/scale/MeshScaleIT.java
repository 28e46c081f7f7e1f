package io.rendermesh.node.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.TestNodes;
import io.rendermesh.protocol.model.FrameState;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 nodes in one JVM over JGroups SHARED_LOOPBACK: the resource map converges on every node soon
 * after the last join, and a 10,000-frame job with 100 small jobs beside it renders every frame
 * exactly once. Prints the convergence time, the coordinator's throughput and the heap per node
 * (-Dscale.nodes and -Dscale.frames change the size).
 */
@Tag("scale")
class MeshScaleIT {
    static final int NODES = Integer.getInteger("scale.nodes", 64);
    static final int FRAMES = Integer.getInteger("scale.frames", 10_000);
    static final int SMALL_JOBS = 100;
    static final int SMALL_FRAMES = 10;
    @TempDir
    Path dir;
    private final List<MeshNode> nodes = new ArrayList<>();
    private final Map<String, AtomicInteger> renders = CountingRenderer.tally();

    @AfterEach
    void stop() {
        nodes.parallelStream().forEach(MeshNode::close);
    }

    @Test
    void sixtyFourNodesConvergeAndRenderEveryFrameOfABigJobAndAHundredSmallOnesOnce() throws Exception {
        String mesh = "scale-" + UUID.randomUUID();
        long started = System.nanoTime();
        for (int i = 0; i < NODES; i++) {
            nodes.add(TestNodes.startSharedLoopback(mesh, String.format("n%02d", i), dir, List.of(new CountingRenderer(renders))));
        }
        long lastJoin = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> nodes.stream().allMatch(n -> n.api().nodes().size() == NODES));
        long convergedMillis = (System.nanoTime() - lastJoin) / 1_000_000;

        long submitAt = System.nanoTime();
        String big = nodes.get(0).api().submit(JobProfileJson.parse("{\"name\":\"big\",\"scene\":\"none\",\"renderer\":\"synthetic\","
                + "\"frames\":\"1-" + FRAMES + "\",\"width\":8,\"height\":8,\"samples\":1,\"params\":{\"frameMillis\":0,\"passes\":1}}"), List.of());
        List<String> small = new ArrayList<>();
        for (int j = 0; j < SMALL_JOBS; j++) {
            small.add(nodes.get(j % NODES).api().submit(JobProfileJson.parse("{\"name\":\"small" + j + "\",\"scene\":\"none\","
                    + "\"renderer\":\"synthetic\",\"frames\":\"1-" + SMALL_FRAMES + "\",\"width\":8,\"height\":8,\"samples\":1,"
                    + "\"params\":{\"frameMillis\":0,\"passes\":1}}"), List.of()));
        }
        MeshNode watcher = nodes.get(NODES - 1);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                watcher.api().job(big).state().terminal() && small.stream().allMatch(id -> watcher.api().job(id).state().terminal()));
        double seconds = (System.nanoTime() - submitAt) / 1e9;

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapPerNode = (rt.totalMemory() - rt.freeMemory()) / NODES;
        int total = FRAMES + SMALL_JOBS * SMALL_FRAMES;
        System.out.printf("scale: %d nodes joined in %.1f s; resource map converged on every node %d ms after the last join%n",
                NODES, (lastJoin - started) / 1e9, convergedMillis);
        System.out.printf("scale: %,d frames (one job of %,d and %d of %d) done in %.1f s: %,.0f frames/s through the coordinators;"
                + " heap %.1f MB per node%n", total, FRAMES, SMALL_JOBS, SMALL_FRAMES, seconds, total / seconds, heapPerNode / 1e6);

        JobRecord bigJob = watcher.api().job(big);
        assertEquals(JobState.DONE, bigJob.state());
        assertEquals(FRAMES, bigJob.frames().stream().filter(f -> f.state() == FrameState.DONE).count());
        for (String id : small) assertEquals(JobState.DONE, watcher.api().job(id).state(), id);
        assertEquals(total, renders.size(), "every frame rendered");
        List<String> twice = renders.entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), "rendered more than once: " + twice);
        assertTrue(convergedMillis <= 2_000, "converged " + convergedMillis + " ms after the last join");
    }
}
