package io.rendermesh.node.membership;

import static org.awaitility.Awaitility.await;

import io.rendermesh.node.NodeConfig;
import io.rendermesh.protocol.message.MeshMessage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes that formed meshes of their own (no seeds) and learn of each other later, as mDNS
 * would tell them, merge into one mesh (MERGE3 through the updated discovery hosts).
 */
class LateDiscoveryIT {
    @TempDir
    Path dir;

    private static MeshTransport.MeshListener quiet() {
        return new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
            }

            @Override
            public void onView(List<String> members, boolean merged) {
            }
        };
    }

    @Test
    void meshesThatFindEachOtherLateMerge() throws Exception {
        NodeConfig a = NodeConfig.local("late-a", dir.resolve("a")).withMeshPort(0);
        NodeConfig b = NodeConfig.local("late-b", dir.resolve("b")).withMeshPort(0);
        try (JGroupsTransport ta = new JGroupsTransport(a, null, null); JGroupsTransport tb = new JGroupsTransport(b, null, null)) {
            ta.start(quiet());
            tb.start(quiet());
            String[] pa = ta.localAddress().split(":");
            String[] pb = tb.localAddress().split(":");
            ta.addPeer(new InetSocketAddress(pb[0], Integer.parseInt(pb[1])));
            tb.addPeer(new InetSocketAddress(pa[0], Integer.parseInt(pa[1])));
            await().atMost(Duration.ofSeconds(45)).until(() -> ta.members().size() == 2 && tb.members().size() == 2);
        }
    }
}
