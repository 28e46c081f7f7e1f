package io.rendermesh.node.splitting;

import io.rendermesh.node.testkit.Images;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.api.NodeApi.ControlCommand;
import io.rendermesh.protocol.message.MeshMessage.PartView;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One frame split across three nodes in one JVM (SHARED_LOOPBACK), with the builtin renderer. */
class SplitFrameIT {
    @TempDir
    Path dir;
    private final List<MeshNode> nodes = new ArrayList<>();
    private final String mesh = "split-" + UUID.randomUUID();

    @BeforeEach
    void startThree() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            nodes.add(MeshNode.start(NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh).withSlots(1)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().allMatch(n -> n.api().nodes().size() == 3));
    }

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private NodeApi api(int i) {
        return nodes.get(i).api();
    }

    private String submit(int w, int h, int samples, String split) throws Exception {
        return api(0).submit(JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"5\",\"width\":" + w
                + ",\"height\":" + h + ",\"samples\":" + samples + ",\"split\":\"" + split + "\"}"), List.of());
    }

    private JobRecord awaitDone(String id) {
        await().atMost(Duration.ofSeconds(90)).until(() -> api(1).job(id).state().terminal());
        return api(1).job(id);
    }

    private BufferedImage image(int node, String id) throws Exception {
        byte[] png = nodes.get(node).api().frame(id, 5).get().orElseThrow();
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void oneFrameUsesAllThreeNodesAndLooksLikeOneNodesRender() throws Exception {
        String split = submit(96, 54, 24, "auto");
        JobRecord done = awaitDone(split);
        assertEquals(JobState.DONE, done.state());
        FrameRecord frame = done.frames().get(0);
        assertEquals(24, frame.samplesDone());
        List<PartView> parts = api(0).parts(split).get(5);
        Set<String> partNodes = parts.stream().map(PartView::node).collect(Collectors.toSet());
        assertEquals(Set.of("a", "b", "c"), partNodes, "parts " + parts);
        assertTrue(parts.stream().allMatch(p -> p.state().equals("done")), "parts " + parts);
        assertEquals(24, parts.stream().mapToInt(p -> p.part().passes()).sum());
        // every node's replica shows the parts, and serves the frame
        await().atMost(Duration.ofSeconds(5)).until(() -> api(2).parts(split).getOrDefault(5, List.of()).size() == 3);

        String whole1 = submit(96, 54, 24, "never");
        String whole2 = submit(96, 54, 24, "never");
        awaitDone(whole1);
        awaitDone(whole2);
        assertEquals(1, awaitDone(whole1).frames().stream().map(FrameRecord::node).distinct().count());
        double splitVsWhole = Images.meanAbsDiff(image(2, split), image(1, whole1));
        double noise = Images.meanAbsDiff(image(1, whole1), image(2, whole2));
        assertTrue(noise > 0.3, "renders with different seeds differ by noise: " + noise);
        assertTrue(splitVsWhole <= 1.5 * noise, "split vs one node " + splitVsWhole + ", one node vs another seed " + noise);
    }

    @Test
    void fewerSamplesDropsTheLaterPartsAndTheFrameEndsAtTheNewTarget() throws Exception {
        String id = submit(160, 90, 30_000, "auto");
        await().atMost(Duration.ofSeconds(60)).until(() -> api(0).job(id).frames().get(0).samplesDone() >= 20);
        assertEquals(3, api(0).parts(id).get(5).size());
        assertTrue(api(1).control(id, new ControlCommand("set-samples", null, 40)).get().isAccepted());
        JobRecord done = awaitDone(id);
        assertEquals(JobState.DONE, done.state());
        FrameRecord f = done.frames().get(0);
        assertEquals(FrameState.DONE, f.state());
        assertEquals(40, f.samplesTotal());
        assertEquals(40, f.samplesDone(), "the first part stopped at the new target, the others were dropped");
        assertEquals(160, image(2, id).getWidth());
    }

    @Test
    void acceptFrameKeepsThePartsAsTheyStand() throws Exception {
        String id = submit(160, 90, 30_000, "auto");
        await().atMost(Duration.ofSeconds(60)).until(() -> api(0).job(id).frames().get(0).samplesDone() >= 15);
        assertTrue(api(2).control(id, new ControlCommand("accept-frame", 5, null)).get().isAccepted());
        JobRecord done = awaitDone(id);
        FrameRecord f = done.frames().get(0);
        assertEquals(FrameState.DONE, f.state());
        assertTrue(f.accepted(), "accepted as it stood");
        assertTrue(f.samplesDone() >= 15 && f.samplesDone() < 30_000, "passes kept: " + f.samplesDone());
        assertEquals(90, image(1, id).getHeight());
    }

}
