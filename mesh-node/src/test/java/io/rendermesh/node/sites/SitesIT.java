package io.rendermesh.node.sites;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.SiteInfo;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sites on loopback TCP, each its own mesh, joined by a bridge between their gateways (RELAY3)
 * under a shared site key: each sees the other's nodes, nothing of its jobs, and a site with
 * another key never bridges.
 */
class SitesIT {
    @TempDir
    Path dir;
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path siteKey(String name) throws Exception {
        Path f = dir.resolve(name);
        MeshKey.generate().write(f);
        return f;
    }

    private MeshNode node(String name, String site, int bridgePort, List<String> gateways, Path key, MeshNode seed) throws Exception {
        NodeConfig c = NodeConfig.local(name, dir.resolve(name)).withMeshPort(0).withSlots(1)
                .withSeeds(seed == null ? List.of() : List.of(seed.meshAddress()))
                .withBridge(site, bridgePort, gateways, key);
        MeshNode n = MeshNode.start(c);
        nodes.add(n);
        return n;
    }

    /** Site a of one node, site b of {@code bNodes} (b1 its gateway), bridged and seeing each other; a1, b1, b2... */
    private List<MeshNode> twoSites(int bNodes) throws Exception {
        Path key = siteKey("site.key");
        int ga = freePort();
        int gb = freePort();
        List<String> gateways = List.of("127.0.0.1:" + ga, "127.0.0.1:" + gb);
        List<MeshNode> out = new ArrayList<>();
        out.add(node("a1", "a", ga, gateways, key, null));
        out.add(node("b1", "b", gb, gateways, key, null));
        for (int i = 2; i <= bNodes; i++) out.add(node("b" + i, "b", 0, gateways, key, out.get(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sitesSeenBy(out.get(0)).get("b") != null
                && sitesSeenBy(out.get(0)).get("b").slots() == bNodes);
        return out;
    }

    private static Map<String, SiteInfo> sitesSeenBy(MeshNode n) {
        return n.api().sites().stream().collect(Collectors.toMap(SiteInfo::name, s -> s));
    }

    @Test
    void bridgedSitesSeeEachOthersNodesButNotEachOthersJobs() throws Exception {
        Path key = siteKey("site.key");
        int ga = freePort();
        int gb = freePort();
        List<String> gateways = List.of("127.0.0.1:" + ga, "127.0.0.1:" + gb);
        MeshNode a1 = node("a1", "a", ga, gateways, key, null);
        MeshNode b1 = node("b1", "b", gb, gateways, key, null);
        MeshNode b2 = node("b2", "b", 0, gateways, key, b1);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            SiteInfo b = sitesSeenBy(a1).get("b");
            SiteInfo a = sitesSeenBy(b2).get("a");
            return b != null && b.state().equals("up") && b.nodes() == 2 && a != null && a.state().equals("up") && a.nodes() == 1;
        });
        List<SiteInfo> fromA = a1.api().sites();
        assertEquals("a", fromA.get(0).name(), "this site first");
        assertEquals(2, fromA.get(1).slots());
        assertTrue(fromA.get(1).gateway().endsWith(":" + gb), fromA.get(1).toString());
        assertEquals(1, a1.api().nodes().size(), "/nodes keeps to this site");
        assertEquals(Map.of("a1", "a", "b1", "b", "b2", "b"),
                a1.api().allNodes().stream().collect(Collectors.toMap(NodeResources::name, NodeResources::site)));

        String id = a1.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-4\","
                + "\"width\":16,\"height\":9,\"samples\":2,\"params\":{\"frameMillis\":50,\"passes\":2}}"), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> a1.api().job(id).state() == JobState.DONE);
        assertTrue(b1.api().jobs().isEmpty() && b2.api().jobs().isEmpty(), "a job without allowRemote never leaves its site");
        assertEquals(Map.of(), b1.api().rejectedMessages(), "nothing but site summaries crossed the bridge");
    }

    @Test
    void aSiteWithAnotherSiteKeyCannotBridgeAndLearnsNothing() throws Exception {
        int ga = freePort();
        int gc = freePort();
        List<String> gateways = List.of("127.0.0.1:" + ga, "127.0.0.1:" + gc);
        MeshNode a1 = node("a1", "a", ga, gateways, siteKey("a.key"), null);
        MeshNode c1 = node("c1", "c", gc, gateways, siteKey("other.key"), null);
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() ->
                a1.api().sites().size() == 1 && c1.api().sites().size() == 1 && a1.api().allNodes().size() == 1
                        && c1.api().allNodes().size() == 1);
    }

    @Test
    void aJobThatAllowsItOverflowsToTheOtherSiteWhenThisOneIsFullAndComesBackWhole() throws Exception {
        MeshNode a1 = twoSites(2).get(0);
        List<io.rendermesh.node.events.NodeEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        String busy = a1.api().submit(JobProfileJson.parse(synthetic("1-3", 3_000, false)), List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a1.api().job(busy).frames().stream().anyMatch(f -> f.state().inFlight()));
        String id = a1.api().submit(JobProfileJson.parse(synthetic("1-12", 400, true)), List.of());
        a1.api().events().subscribe(id, events::add);
        await().atMost(Duration.ofSeconds(90)).until(() -> a1.api().job(id).state() == JobState.DONE);

        var frames = a1.api().job(id).frames();
        var remote = frames.stream().filter(f -> "b".equals(f.site())).toList();
        assertTrue(remote.size() >= 2, "frames rendered at site b: " + frames);
        assertEquals(java.util.Set.of("b1", "b2"), remote.stream().map(io.rendermesh.protocol.model.FrameRecord::node)
                .collect(Collectors.toSet()), "both nodes of site b rendered");
        for (var f : frames) assertTrue(a1.api().frame(id, f.frame()).get().isPresent(), "frame " + f.frame() + " is home");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("site-done") && e.jobId().equals(id)), "site-done on the home stream");
        assertTrue(events.stream().anyMatch(e -> e.type().equals("sample") && e.jobId().equals(id) && "b1".equals(e.data().get("node"))
                || e.type().equals("sample") && e.jobId().equals(id) && "b2".equals(e.data().get("node"))), "samples from site b");
        assertTrue(a1.api().job(busy).frames().stream().noneMatch(f -> "b".equals(f.site())), "a job without allowRemote stays home");
    }

    @Test
    void controlInputAtHomeReachesTheFramesAnotherSiteRendersAcceptFrameAndCancel() throws Exception {
        List<MeshNode> sites = twoSites(1);
        MeshNode a1 = sites.get(0);
        MeshNode b1 = sites.get(1);
        a1.api().submit(JobProfileJson.parse(synthetic("1-3", 20_000, false)), List.of());
        String id = a1.api().submit(JobProfileJson.parse(synthetic("1-4", 20_000, true).replace("\"passes\":2", "\"passes\":40")), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> b1.api().jobs().stream().anyMatch(j -> j.frames().stream()
                .anyMatch(f -> f.state().inFlight())));
        // accept-frame reaches the site-b node rendering the frame, which keeps its image as it stands
        int remoteFrame = await().atMost(Duration.ofSeconds(30)).until(() -> a1.api().job(id).frames().stream()
                .filter(f -> "b".equals(f.site()) && f.samplesDone() >= 1 && f.state().inFlight()).findFirst()
                .map(io.rendermesh.protocol.model.FrameRecord::frame).orElse(-1), f -> f > 0);
        assertTrue(a1.api().control(id, new io.rendermesh.node.api.NodeApi.ControlCommand("accept-frame", remoteFrame, null)).get()
                .isAccepted());
        await().atMost(Duration.ofSeconds(15)).until(() -> a1.api().job(id).frames().stream().anyMatch(f -> f.frame() == remoteFrame
                && f.state() == io.rendermesh.protocol.model.FrameState.DONE && f.accepted() && "b1".equals(f.node())));
        assertTrue(a1.api().control(id, new io.rendermesh.node.api.NodeApi.ControlCommand("cancel", null, null)).get().isAccepted());
        await().atMost(Duration.ofSeconds(15)).until(() -> b1.api().jobs().stream().allMatch(j -> j.state() == JobState.CANCELLED));
        assertEquals(JobState.CANCELLED, a1.api().job(id).state());
    }

    @Test
    void aJobsFilesCrossTheBridgeByHashAndItsFramesRenderThere() throws Exception {
        List<MeshNode> sites = twoSites(1);
        MeshNode a1 = sites.get(0);
        MeshNode b1 = sites.get(1);
        a1.api().submit(JobProfileJson.parse(synthetic("1-4", 5_000, false)), List.of());
        byte[] secret = "a file of a job that stays home".getBytes();
        a1.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1\"}"), List.of(
                new io.rendermesh.node.api.NodeApi.UploadedFile("secret.txt", () -> new java.io.ByteArrayInputStream(secret))));
        byte[] scene = ("{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"t\":{\"type\":\"diffuse\",\"texture\":\"textures/dot.png\"},"
                + "\"l\":{\"type\":\"emissive\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"t\"},"
                + "{\"type\":\"quad\",\"corner\":[-1,3,-1],\"edge1\":[2,0,0],\"edge2\":[0,0,2],\"material\":\"l\"}]}").getBytes();
        byte[] texture = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
        String id = a1.api().submit(JobProfileJson.parse("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1-4\","
                + "\"width\":16,\"height\":9,\"samples\":2,\"allowRemote\":true}"), List.of(
                new io.rendermesh.node.api.NodeApi.UploadedFile("scene.json", () -> new java.io.ByteArrayInputStream(scene)),
                new io.rendermesh.node.api.NodeApi.UploadedFile("textures/dot.png", () -> new java.io.ByteArrayInputStream(texture))));
        await().atMost(Duration.ofSeconds(90)).until(() -> a1.api().job(id).state() == JobState.DONE);
        assertTrue(a1.api().job(id).frames().stream().anyMatch(f -> "b".equals(f.site()) && "b1".equals(f.node())),
                "frames rendered at site b: " + a1.api().job(id).frames());
        for (var f : a1.api().job(id).frames()) assertTrue(a1.api().frame(id, f.frame()).get().isPresent());
        // a holder of the site key asking a1's file stream for a file of a job no other site renders gets nothing
        String secretSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(secret));
        SiteFileStreams asker = new SiteFileStreams(new io.rendermesh.node.storage.FileBlobStore(dir.resolve("asker")),
                java.net.InetAddress.getLoopbackAddress(), MeshKey.read(dir.resolve("site.key")));
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> asker.fetch(
                "127.0.0.1:" + (a1.config().bridgePort() + 1), new io.rendermesh.protocol.model.BundleEntry("secret.txt", secretSha,
                        secret.length), dir.resolve("asker-parts")));
        assertTrue(refused.getMessage().contains("does not have"), refused.getMessage());
    }

    @Test
    void whenTheOtherSitesGatewayGoesMidJobItsSecondGatewayCarriesOnAndEveryFrameComesHomeOnce() throws Exception {
        Path key = siteKey("site.key");
        int ga = freePort();
        int gb1 = freePort();
        int gb2 = freePort();
        List<String> gateways = List.of("127.0.0.1:" + ga, "127.0.0.1:" + gb1, "127.0.0.1:" + gb2);
        MeshNode a1 = node("a1", "a", ga, gateways, key, null);
        MeshNode b1 = node("b1", "b", gb1, gateways, key, null);
        MeshNode b2 = node("b2", "b", gb2, gateways, key, b1);
        await().atMost(Duration.ofSeconds(60)).until(() -> sitesSeenBy(a1).get("b") != null && sitesSeenBy(a1).get("b").slots() == 2);
        String id = a1.api().submit(JobProfileJson.parse(synthetic("1-24", 500, true)), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> a1.api().job(id).frames().stream().filter(f -> "b".equals(f.site())
                && f.state() == io.rendermesh.protocol.model.FrameState.DONE).count() >= 2);
        b1.close(); // site b's bridge and its part of the job move to b2
        nodes.remove(b1);
        List<io.rendermesh.node.events.NodeEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        a1.api().events().subscribe(id, events::add);
        await().atMost(Duration.ofSeconds(120)).until(() -> a1.api().job(id).state() == JobState.DONE);
        // b2 coordinates site b's part now, and its samples still reach home
        assertTrue(events.stream().anyMatch(e -> e.type().equals("sample") && "b2".equals(e.data().get("node"))
                && "b".equals(e.data().get("site"))), "samples of b2's frames after the takeover");
        var frames = a1.api().job(id).frames();
        assertEquals(24, frames.size());
        assertTrue(frames.stream().allMatch(f -> f.state() == io.rendermesh.protocol.model.FrameState.DONE), frames.toString());
        for (var f : frames) assertTrue(a1.api().frame(id, f.frame()).get().isPresent(), "frame " + f.frame() + " is home");
        // b2 carries the bridge now: it sees site a up once RELAY3 and a's next summary say so
        await().atMost(Duration.ofSeconds(30)).until(() -> b2.api().sites().stream()
                .anyMatch(s -> s.name().equals("a") && s.state().equals("up")));
    }

    private static String synthetic(String frames, int millis, boolean allowRemote) {
        return "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"" + frames + "\",\"width\":16,\"height\":9,"
                + "\"samples\":2,\"allowRemote\":" + allowRemote + ",\"params\":{\"frameMillis\":" + millis + ",\"passes\":2}}";
    }
}
