package io.rendermesh.node.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.NodeConfig;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.wire.ProtocolVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining checks: protocol version and mesh key, over JGroups SHARED_LOOPBACK. */
class ProtocolVersionIT {
    @TempDir
    Path dir;
    private final String mesh = "pv-" + UUID.randomUUID();
    private final List<JGroupsTransport> transports = new ArrayList<>();

    @AfterEach
    void close() {
        MeshAuthToken.advertisedVersion = ProtocolVersion.CURRENT;
        transports.forEach(JGroupsTransport::close);
    }

    private JGroupsTransport start(String name, Path key, List<String> views) throws Exception {
        NodeConfig c = NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh);
        if (key != null) {
            c = new NodeConfig(c.name(), c.dataDir(), c.mesh(), c.bindAddr(), c.meshPort(), c.seeds(), c.mdns(), key, c.site(),
                    c.bridges(), c.bridgePort(), c.webPort(), c.webBind(), c.webTokenFile(), c.slots(), c.tags(), c.renderers(),
                    c.sharedLoopback(), c.limits());
        }
        JGroupsTransport t = new JGroupsTransport(c, null);
        transports.add(t);
        t.start(new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
                views.add("msg:" + fromNode);
            }

            @Override
            public void onView(List<String> members, boolean merged) {
                views.add(String.join(",", members));
            }
        });
        return t;
    }

    @Test
    void nodesOfTheSameVersionFormOneMeshAndExchangeMessages() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        JGroupsTransport a = start("a", null, new CopyOnWriteArrayList<>());
        start("b", null, seen);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.members().size() == 2);
        a.send("b", new MeshMessage.SnapshotRequest("j", "a"));
        a.broadcast(new MeshMessage.SnapshotRequest("j", "a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().filter(s -> s.equals("msg:a")).count() == 2);
    }

    @Test
    void aPeerSpeakingAnotherProtocolVersionIsRefusedWithAClearError() throws Exception {
        JGroupsTransport a = start("a", null, new CopyOnWriteArrayList<>());
        MeshAuthToken.advertisedVersion = ProtocolVersion.CURRENT + 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("future", null, new CopyOnWriteArrayList<>()));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(List.of("a"), a.members());
    }

    @Test
    void aNodeWithoutTheMeshKeyCannotJoin() throws Exception {
        Path key = Files.write(dir.resolve("key"), "0123456789abcdef0123456789abcdef".getBytes());
        Path wrong = Files.write(dir.resolve("wrong"), "fedcba9876543210fedcba9876543210".getBytes());
        JGroupsTransport a = start("a", key, new CopyOnWriteArrayList<>());
        assertThrows(IllegalStateException.class, () -> start("intruder", wrong, new CopyOnWriteArrayList<>()));
        start("friend", key, new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.members().size() == 2);
    }
}
