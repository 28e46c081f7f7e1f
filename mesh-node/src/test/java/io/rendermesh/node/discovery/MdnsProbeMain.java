package io.rendermesh.node.discovery;

import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.membership.JGroupsTransport;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run inside a network namespace by {@link MdnsNetnsIT}: starts a transport with mDNS and no
 * seeds, and prints "members=N" once it sees the expected number of members (or times out).
 * Args: name bindAddr expectedMembers timeoutSeconds joinCode.
 */
public final class MdnsProbeMain {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        int expected = Integer.parseInt(args[2]);
        NodeConfig base = NodeConfig.lan(name, Files.createTempDirectory("mdns-probe"));
        NodeConfig config = new NodeConfig(name, base.dataDir(), "netns-mesh", args[1], 7800, List.of(), true, null, "default",
                List.of(), 0, -1, "127.0.0.1", null, 1, List.of(), List.of(), false, base.limits());
        CountDownLatch seen = new CountDownLatch(1);
        JGroupsTransport t = new JGroupsTransport(config, io.rendermesh.node.membership.MeshKey.fromJoinCode(args[4]), new MdnsDiscovery(config.mesh(), name));
        t.start(new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
            }

            @Override
            public void onView(List<String> members, boolean merged) {
                System.out.println("view " + members);
                if (members.size() >= expected) seen.countDown();
            }
        });
        boolean ok = seen.await(Long.parseLong(args[3]), TimeUnit.SECONDS);
        System.out.println("members=" + t.members().size());
        System.out.flush();
        // stay a little so the peer sees us too, then leave
        Thread.sleep(3_000);
        t.close();
        System.exit(ok ? 0 : 1);
    }
}
