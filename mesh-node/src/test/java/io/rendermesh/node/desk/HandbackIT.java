package io.rendermesh.node.desk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.node.testkit.InMemoryNodes;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A builtin frame given back midway keeps its work: the node that takes it over carries on from
 * the passes done, and the final frame is the very image one node renders in one go.
 */
class HandbackIT {
    @RegisterExtension
    final InMemoryNodes mesh = new InMemoryNodes();

    private MeshNode node(String name, NodeConfig.Desk desk, IdleReader idle) throws Exception {
        return mesh.start(name, desk, idle);
    }

    private static FrameRecord frame1(MeshNode n, String id) {
        return n.api().job(id).frames().get(0);
    }

    @Test
    void aBuiltinFrameGivenBackCarriesOnElsewhereFromItsPassesAndEndsAsIfRenderedInOneGo() throws Exception {
        AtomicLong idle = new AtomicLong(3_600_000);
        MeshNode server = node("server", NodeConfig.Desk.DEFAULT, IdleReader.noDesktop());
        MeshNode desk = node("desk", new NodeConfig.Desk(DeskPolicy.RenderWhen.IDLE, 5), () -> OptionalLong.of(idle.get()));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.api().nodes().size() == 2);
        assertTrue(server.api().controlNode("server", "pause", null).get().isAccepted(), "the frame starts on the desk");
        String profile = "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":96,\"height\":54,\"samples\":400}";
        String id = server.api().submit(JobProfileJson.parse(profile), List.of());
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        server.api().events().subscribe(id, events::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> "desk".equals(frame1(server, id).node()) && frame1(server, id).samplesDone() >= 5);

        idle.set(0); // the desk's person is back: the frame leaves with its passes
        assertTrue(server.api().controlNode("server", "resume", null).get().isAccepted());
        await().atMost(Duration.ofSeconds(120)).until(() -> server.api().job(id).state() == JobState.DONE);
        FrameRecord f = frame1(server, id);
        assertEquals("server", f.node());
        assertEquals(FrameState.DONE, f.state());
        int firstPassOnServer = events.stream().filter(e -> e.type().equals("sample") && "server".equals(e.data().get("node")))
                .mapToInt(e -> ((Number) e.data().get("pass")).intValue()).min().orElseThrow();
        assertTrue(firstPassOnServer > 5, "the server carried on from the desk's passes, its first was pass " + firstPassOnServer);

        // the same frame in one go, with the seed every node uses for it
        JobProfile p = JobProfileJson.parse(profile);
        Path scratch = Files.createDirectories(mesh.dir().resolve("direct"));
        var outcome = new BuiltinRenderer().render(new RenderRequest(id, 1, 1, p, scratch, scratch, 2, 400, id.hashCode() * 31L + 1),
                new RenderControl() {
                    public boolean cancelled() {
                        return false;
                    }

                    public boolean acceptRequested() {
                        return false;
                    }

                    public int targetSamples() {
                        return 400;
                    }

                    public void sample(int pass, int passes, BufferedImage image) {
                    }

                    public void progress(int done, int total) {
                    }
                });
        BufferedImage direct = ImageIO.read(outcome.png().toFile());
        BufferedImage handedOver = ImageIO.read(new ByteArrayInputStream(server.api().frame(id, 1).get().orElseThrow()));
        assertArrayEquals(direct.getRGB(0, 0, 96, 54, null, 0, 96), handedOver.getRGB(0, 0, 96, 54, null, 0, 96),
                "400 passes split over two nodes are the 400 passes of one");
    }
}
