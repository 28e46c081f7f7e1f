package io.rendermesh.node.desk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.testkit.InMemoryNodes;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A workstation that renders only when its person is away, with a synthetic idle source: when the
 * person comes back its frames leave it within a second and no new ones are placed there; when
 * they leave again it renders again; and the job ends with every frame done once.
 */
class DeskIT {
    static final long AWAY = 10 * 60_000L;
    @RegisterExtension
    final InMemoryNodes mesh = new InMemoryNodes();

    private MeshNode node(String name, NodeConfig.Desk desk, IdleReader idle) throws Exception {
        return mesh.startInMemory(name, desk, idle, 2);
    }

    private static NodeState stateOf(MeshNode seenBy, String name) {
        return seenBy.api().nodes().stream().filter(n -> n.name().equals(name)).map(NodeResources::state).findFirst().orElse(null);
    }

    private static long onNode(MeshNode seenBy, String id, String name) {
        return seenBy.api().job(id).frames().stream().filter(f -> f.state().inFlight() && name.equals(f.node())).count();
    }

    @Test
    void framesLeaveAWorkstationWithinASecondOfItsPersonComingBackAndReturnWhenTheyLeave() throws Exception {
        AtomicLong idleMillis = new AtomicLong(AWAY);
        MeshNode server = node("server", NodeConfig.Desk.DEFAULT, IdleReader.noDesktop());
        MeshNode desk = node("desk", new NodeConfig.Desk(DeskPolicy.RenderWhen.IDLE, 5), () -> OptionalLong.of(idleMillis.get()));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.api().nodes().size() == 2);
        String id = server.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-30\","
                + "\"width\":16,\"height\":9,\"samples\":4,\"params\":{\"frameMillis\":1500,\"passes\":4}}"), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> onNode(server, id, "desk") == 2);

        idleMillis.set(0); // the person is back at the desk
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).until(() -> onNode(server, id, "desk") == 0 && stateOf(server, "desk") == NodeState.IN_USE);
        System.out.printf("frames left the desk %d ms after its person came back%n", (System.nanoTime() - back) / 1_000_000);
        // nothing is placed there while they work, though frames are waiting
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> onNode(server, id, "desk") == 0);
        assertTrue(server.api().job(id).frames().stream().anyMatch(f -> f.state() == FrameState.PENDING));

        idleMillis.set(AWAY); // away again
        await().atMost(Duration.ofSeconds(5)).until(() -> onNode(server, id, "desk") > 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> server.api().job(id).state() == JobState.DONE);
        var frames = server.api().job(id).frames();
        assertEquals(30, frames.size());
        for (FrameRecord f : frames) {
            assertEquals(FrameState.DONE, f.state());
            assertTrue(server.api().frame(id, f.frame()).get().isPresent(), "frame " + f.frame());
        }
        assertTrue(frames.stream().anyMatch(f -> "desk".equals(f.node())), "the desk rendered once its person left");
    }

    @Test
    void aPausedNodeShowsPausedEverywhereAndResumes() throws Exception {
        MeshNode a = node("a", NodeConfig.Desk.DEFAULT, IdleReader.noDesktop());
        MeshNode b = node("b", NodeConfig.Desk.DEFAULT, IdleReader.noDesktop());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2);
        assertTrue(a.api().controlNode("b", "pause", null).get().isAccepted(), "input for b sent to a goes through the mesh");
        await().atMost(Duration.ofSeconds(2)).until(() -> stateOf(a, "b") == NodeState.PAUSED);
        String id = a.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-6\","
                + "\"width\":16,\"height\":9,\"samples\":2,\"params\":{\"frameMillis\":300,\"passes\":2}}"), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> a.api().job(id).state() == JobState.DONE);
        assertTrue(a.api().job(id).frames().stream().noneMatch(f -> "b".equals(f.node())), "nothing placed on a paused node");
        assertEquals("unknown node action 'nap': use pause, resume, render-when or reserve-cores", b.api().controlNode("b", "nap", null).get().error());
        assertEquals(io.rendermesh.node.api.ControlOutcome.Kind.NOT_FOUND, a.api().controlNode("zz", "pause", null).get().kind());
        assertTrue(b.api().controlNode("b", "resume", null).get().isAccepted());
        await().atMost(Duration.ofSeconds(2)).until(() -> stateOf(a, "b") == NodeState.IDLE);
    }
}
