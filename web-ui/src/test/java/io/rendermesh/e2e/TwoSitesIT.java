package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.cli.NodeLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two offices on this machine, as users start them: site a of two nodes (one gateway), site b of
 * two gateways, real `rendermesh node` processes bridged under one site key. With site a busy, a
 * textured POV-Ray job submitted at site a with --allow-remote renders on site b's nodes, frames
 * matching a direct POV-Ray run, with site b's samples on site a's event stream before each frame
 * is done and an accept-frame sent at site a honoured by the site-b node rendering that frame; and a job still completes when site b's active gateway is killed with kill -9.
 */
@Tag("e2e")
@Tag("renderers")
class TwoSitesIT {
    private final List<NodeProcess> nodes = new ArrayList<>();
    private Path dir;
    private String urlA;

    @BeforeEach
    void startTwoSites() throws Exception {
        dir = Files.createDirectories(Path.of("target", "e2e", "sites-" + System.nanoTime())).toAbsolutePath();
        Path key = dir.resolve("site.key");
        Files.writeString(key, io.rendermesh.node.membership.MeshKey.generate().joinCode());
        List<Integer> taken = new ArrayList<>();
        int[] mesh = new int[4];
        for (int i = 0; i < 4; i++) taken.add(mesh[i] = NodeLauncher.freeMeshPort(taken));
        int[] bridge = new int[3];
        for (int i = 0; i < 3; i++) taken.add(bridge[i] = NodeLauncher.freeMeshPort(taken));
        String gateways = "127.0.0.1:" + bridge[0] + ",127.0.0.1:" + bridge[1] + ",127.0.0.1:" + bridge[2];
        List<String> common = List.of("--site-key-file", key.toString(), "--bridge", gateways);
        nodes.add(start("a1", "a", mesh[0], List.of(mesh[0], mesh[1]), bridge[0], common));
        nodes.add(start("a2", "a", mesh[1], List.of(mesh[0], mesh[1]), 0, common));
        nodes.add(start("b1", "b", mesh[2], List.of(mesh[2], mesh[3]), bridge[1], common));
        nodes.add(start("b2", "b", mesh[3], List.of(mesh[2], mesh[3]), bridge[2], common));
        urlA = nodes.get(0).webUrl();
        for (NodeProcess n : nodes) n.webUrl();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            JsonNode sites = Http.getJson(urlA + "/api/v1/sites");
            return sites.size() == 2 && sites.get(1).get("state").asText().equals("up") && sites.get(1).get("nodes").asInt() == 2
                    && sites.get(1).get("renderers").toString().contains("povray");
        });
    }

    private NodeProcess start(String name, String site, int meshPort, List<Integer> seeds, int bridgePort, List<String> common)
            throws Exception {
        List<String> extra = new ArrayList<>(common);
        extra.addAll(List.of("--site", site));
        if (bridgePort > 0) extra.addAll(List.of("--bridge-port", Integer.toString(bridgePort)));
        return NodeProcess.start(name, dir.resolve(name), meshPort, seeds, extra);
    }

    @AfterEach
    void stop() throws Exception {
        for (NodeProcess n : nodes) n.close();
    }

    /** Both slots of site a on a long job of its own (no allowRemote: it stays home). */
    private String keepSiteABusy() throws Exception {
        String id = Cli.run(60, "submit", "none", "--renderer", "synthetic", "--param", "frameMillis=60000", "--frames", "1-2",
                "--node", urlA).firstLine();
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.getJson(urlA + "/api/v1/jobs/" + id).get("frames").toString()
                .split("\"rendering\"|\"assigned\"", -1).length - 1 == 2);
        return id;
    }

    @Test
    void aTexturedPovrayJobOverflowsToTheOtherSiteAndComesBackLikePovrayItself() throws Exception {
        String busy = keepSiteABusy();
        Path scene = dir.resolve("pov");
        RenderedFrames.copyFolder(Path.of("..", "examples", "povray").toAbsolutePath().normalize(), scene);
        Path out = dir.resolve("pov-out");
        // 1280x720 with 81 samples takes seconds a frame: every frame shows a sample before it is done
        Cli.Running submit = Cli.start("submit", scene.resolve("scene.pov").toString(), "--frames", "1-4", "--allow-remote",
                "--width", "1280", "--height", "720", "--samples", "81", "--node", urlA, "--wait", "--out", out.toString());
        String id = submit.firstLine();
        int accepted;
        try (EventLog events = new EventLog(urlA, id)) {
            // accept-frame sent at site a for a frame site b is rendering: the site-b node keeps it as it stands
            accepted = await().atMost(Duration.ofSeconds(120)).until(() -> events.events.stream()
                    .filter(e -> e.name().equals("sample") && "b".equals(e.data().path("site").asText()))
                    .map(e -> e.data().get("frame").asInt()).findFirst().orElse(0), f -> f > 0);
            assertEquals(202, Http.postJson(urlA + "/api/v1/jobs/" + id + "/control",
                    "{\"action\":\"accept-frame\",\"frame\":" + accepted + "}").statusCode());
            Cli.Result r = submit.finish(300);
            assertEquals(0, r.exitCode(), r.output());
            JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + id);
            Set<String> where = new HashSet<>();
            job.get("frames").forEach(f -> where.add(f.get("site").asText() + "/" + f.get("node").asText()));
            assertEquals(Set.of("b/b1", "b/b2"), where, "rendered on both nodes of site b: " + job.get("frames"));
            JsonNode acceptedFrame = job.get("frames").get(accepted - 1);
            assertTrue(acceptedFrame.get("accepted").asBoolean() && acceptedFrame.get("site").asText().equals("b")
                    && acceptedFrame.get("samplesDone").asInt() < 81, "accepted at site b as it stood: " + acceptedFrame);
            assertTrue(Files.size(out.resolve(String.format("%04d.png", accepted))) > 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.has("site-done"));
            events.assertSamplesBeforeDone(1, 4);
            assertTrue(events.events.stream().anyMatch(e -> e.name().equals("sample") && "b".equals(e.data().path("site").asText())));
        }
        RenderedFrames.assertMatchesDirectPovray1280x720(scene, out, dir, 4, Set.of(accepted));
        assertTrue(Http.getJson(urlA + "/api/v1/jobs/" + busy).get("frames").toString().contains("\"site\":\"a\""));
    }

    @Test
    void aJobCompletesWhenTheOtherSitesActiveGatewayIsKilled() throws Exception {
        keepSiteABusy();
        Cli.Running submit = Cli.start("submit", "none", "--renderer", "synthetic", "--param", "frameMillis=500", "--frames", "1-16",
                "--allow-remote", "--node", urlA, "--wait", "--out", dir.resolve("synthetic-out").toString());
        String id = submit.firstLine();
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(urlA + "/api/v1/jobs/" + id).get("framesDone").asInt() >= 2);
        nodes.get(2).kill(); // b1: the oldest gateway of site b carries its bridge
        Cli.Result r = submit.finish(240);
        assertEquals(0, r.exitCode(), r.output());
        JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + id);
        assertEquals(16, job.get("framesDone").asInt());
        try (var s = Files.list(dir.resolve("synthetic-out"))) {
            assertEquals(16, s.filter(p -> p.toString().endsWith(".png")).count(), "every frame once in the output");
        }
    }
}
