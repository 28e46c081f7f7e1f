package io.rendermesh.node.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.NodeConfig;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.wire.ProtocolVersion;
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

    private JGroupsTransport start(String name, MeshKey key, List<String> views) throws Exception {
        NodeConfig c = NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh);
        JGroupsTransport t = new JGroupsTransport(c, key, null);
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
    void aNodeWithTheWrongMeshKeyCannotJoin() throws Exception {
        MeshKey key = MeshKey.generate();
        JGroupsTransport a = start("a", key, new CopyOnWriteArrayList<>());
        assertThrows(IllegalStateException.class, () -> start("intruder", MeshKey.generate(), new CopyOnWriteArrayList<>()));
        List<String> seen = new CopyOnWriteArrayList<>();
        start("friend", key, seen);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.members().size() == 2);
        a.send("friend", new MeshMessage.SnapshotRequest("j", "a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("msg:a"));
    }

    @Test
    void aNodeWithoutAnyKeyCannotJoinAKeyedMesh() throws Exception {
        List<String> seenByA = new CopyOnWriteArrayList<>();
        JGroupsTransport a = start("a", MeshKey.generate(), seenByA);
        List<String> seenByKeyless = new CopyOnWriteArrayList<>();
        JGroupsTransport keyless = start("keyless", null, seenByKeyless);
        keyless.broadcast(new MeshMessage.SnapshotRequest("j", "keyless"));
        a.broadcast(new MeshMessage.SnapshotRequest("j", "a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seenByA.contains("msg:a") && seenByKeyless.contains("msg:keyless"));
        assertEquals(List.of("a"), a.members());
        assertEquals(List.of("keyless"), keyless.members());
        assertTrue(seenByA.stream().noneMatch(s -> s.contains("keyless")), seenByA.toString());
        assertTrue(seenByKeyless.stream().noneMatch(s -> s.equals("msg:a")), seenByKeyless.toString());
    }

    @Test
    void aSecondNodeWithATakenNameIsRefusedWithAClearError() throws Exception {
        JGroupsTransport a = start("twin", null, new CopyOnWriteArrayList<>());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("twin", null, new CopyOnWriteArrayList<>()));
        assertTrue(e.getMessage().contains("already named twin"), e.getMessage());
        assertEquals(List.of("twin"), a.members());
    }

    @Test
    void aSecondNodeWithATakenNameIsRefusedFromAKeyedMeshToo() throws Exception {
        MeshKey key = MeshKey.generate();
        JGroupsTransport a = start("twin", key, new CopyOnWriteArrayList<>());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("twin", key, new CopyOnWriteArrayList<>()));
        assertTrue(e.getMessage().contains("already named twin"), e.getMessage());
        assertEquals(List.of("twin"), a.members());
    }

    @Test
    void aUnicastFromANonMemberIsDropped() throws Exception {
        List<String> seenByA = new CopyOnWriteArrayList<>();
        MeshKey key = MeshKey.generate();
        JGroupsTransport a = start("a", key, seenByA);
        List<String> seenByFriend = new CopyOnWriteArrayList<>();
        JGroupsTransport friend = start("friend", key, seenByFriend);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.members().size() == 2);
        try (org.jgroups.JChannel outsider = new org.jgroups.JChannel(JGroupsStack.sharedLoopback("outsider", MeshKey.generate(), mesh))) {
            JGroupsStack.quiet(outsider.getProtocolStack().getTransport());
            outsider.name("outsider");
            outsider.connect(mesh);
            byte[] bytes = io.rendermesh.protocol.wire.WireFormat.encode(new MeshMessage.SnapshotRequest("j", "outsider"));
            for (int i = 0; i < 5; i++) outsider.send(new org.jgroups.BytesMessage(a.jgroupsAddress(), bytes));
            friend.send("a", new MeshMessage.SnapshotRequest("j", "friend"));
            await().atMost(Duration.ofSeconds(5)).until(() -> seenByA.contains("msg:friend"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !seenByA.contains("msg:outsider"));
        }
    }
}
