package io.rendermesh.bench;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.membership.MeshKey;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two sites in this JVM for the site benchmarks: site a of one node (a1, its gateway) and site b of
 * {@code bNodes} (b1 its gateway), one slot each, loopback TCP, bridged under a fresh site key.
 */
final class TwoSiteMesh implements AutoCloseable {
    final List<MeshNode> nodes = new ArrayList<>();

    TwoSiteMesh(int bNodes) throws Exception {
        Path dir = Files.createTempDirectory("two-sites");
        Path key = dir.resolve("site.key");
        MeshKey.generate().write(key);
        int ga = freePort();
        int gb = freePort();
        List<String> gateways = List.of("127.0.0.1:" + ga, "127.0.0.1:" + gb);
        start(dir, "a1", "a", ga, gateways, key, null);
        start(dir, "b1", "b", gb, gateways, key, null);
        for (int i = 2; i <= bNodes; i++) start(dir, "b" + i, "b", 0, gateways, key, nodes.get(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (siteA().api().sites().stream().noneMatch(s -> s.name().equals("b") && s.state().equals("up") && s.slots() == bNodes)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the sites did not bridge: " + siteA().api().sites());
            Thread.sleep(100);
        }
    }

    MeshNode siteA() {
        return nodes.get(0);
    }

    private void start(Path dir, String name, String site, int bridgePort, List<String> gateways, Path key, MeshNode seed)
            throws Exception {
        NodeConfig c = NodeConfig.local(name, dir.resolve(name)).withMeshPort(0).withSlots(1)
                .withSeeds(seed == null ? List.of() : List.of(seed.meshAddress())).withBridge(site, bridgePort, gateways, key);
        nodes.add(MeshNode.start(c));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        nodes.forEach(MeshNode::close);
    }
}
