package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three real `rendermesh node --local` processes on loopback, joined by static seeds, driven over
 * HTTP and the CLI exactly as a user would.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeProcessMeshIT {
    /** Under target/ so node logs stay for a look when a test fails. */
    private Path dir;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();

    @BeforeAll
    void startMesh() throws Exception {
        dir = Files.createDirectories(Path.of("target", "e2e", "mesh-" + System.nanoTime())).toAbsolutePath();
        List<Integer> ports = List.of(NodeProcess.freeMeshPort(), NodeProcess.freeMeshPort(), NodeProcess.freeMeshPort());
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeProcess.start("n" + (i + 1), dir.resolve("n" + (i + 1)), ports.get(i), ports));
        }
        for (NodeProcess n : nodes) urls.add(n.webUrl());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (String url : urls) {
                if (Http.getJson(url + "/api/v1/nodes").size() != 3) return false;
            }
            return true;
        });
    }

    @AfterAll
    void stopMesh() throws Exception {
        for (NodeProcess n : nodes) n.close();
    }

    private static String synthetic(String frames, int millis) {
        return "{\"name\":\"e2e\",\"scene\":\"none\",\"renderer\":{\"package\":\"synthetic\"},\"frames\":\"" + frames
                + "\",\"width\":64,\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":" + millis + ",\"passes\":4}}";
    }

    private JsonNode awaitTerminal(String url, String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = Http.getJson(url + "/api/v1/jobs/" + id).get("state").asText();
            return state.equals("done") || state.equals("failed") || state.equals("cancelled");
        });
        try {
            return Http.getJson(url + "/api/v1/jobs/" + id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyNodeListsAllThreeAndHealthIsUp() throws Exception {
        for (String url : urls) {
            JsonNode health = Http.getJson(url + "/api/v1/health");
            assertEquals("UP", health.get("status").asText());
            assertEquals(3, health.get("members").asInt());
            Set<String> names = new HashSet<>();
            Http.getJson(url + "/api/v1/nodes").forEach(n -> names.add(n.get("name").asText()));
            assertEquals(Set.of("n1", "n2", "n3"), names);
        }
    }

    @Test
    void aJobSubmittedToOneNodeIsRenderedBySeveralAndServedByAny() throws Exception {
        HttpResponse<String> created = Http.postJson(urls.get(0) + "/api/v1/jobs", synthetic("1-24", 150));
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.JSON.readTree(created.body()).get("id").asText();
        // time left, from any node, once frames have finished there: more than nothing, less than the whole job alone
        long eta = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode j = Http.getJson(urls.get(2) + "/api/v1/jobs/" + id);
            return j.get("framesDone").asInt() >= 6 && j.get("etaSec").isNumber() ? j.get("etaSec").asLong() : -1L;
        }, s -> s >= 0);
        assertTrue(eta <= 24 * 150 / 1000 + 1, "etaSec " + eta);
        JsonNode job = awaitTerminal(urls.get(1), id);
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals(0, job.get("etaSec").asInt(), "nothing left once done");
        Set<String> renderers = new HashSet<>();
        job.get("frames").forEach(f -> renderers.add(f.get("node").asText()));
        assertTrue(renderers.size() >= 2, "rendered by " + renderers);
        for (String url : urls) {
            for (int frame : List.of(1, 7, 24)) {
                HttpResponse<byte[]> png = Http.get(url + "/api/v1/jobs/" + id + "/frames/" + frame);
                assertEquals(200, png.statusCode(), url + " frame " + frame);
                assertEquals("image/png", png.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                assertTrue(png.body().length > 8 && png.body()[1] == 'P' && png.body()[2] == 'N');
            }
        }
    }

    @Test
    void badInputGetsAJsonErrorAndTheNodeStaysHealthy() throws Exception {
        String url = urls.get(2);
        for (String body : List.of("{not json", "{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"5-1\"}",
                "{\"scene\":\"x\",\"renderer\":\"nope\",\"frames\":\"1\"}",
                "{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1\",\"widht\":3}",
                "{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1\",\"width\":0}")) {
            HttpResponse<String> r = Http.postJson(url + "/api/v1/jobs", body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(Http.JSON.readTree(r.body()).get("error").asText().length() > 3, r.body());
        }
        assertEquals(404, Http.get(url + "/api/v1/jobs/nosuchjob").statusCode());
        assertEquals("UP", Http.getJson(url + "/api/v1/health").get("status").asText());
    }

    @Test
    void theCliSubmitsWaitsAndDownloadsEveryFrame() throws Exception {
        Path out = dir.resolve("cli-out");
        Process p = new ProcessBuilder(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString(), "submit", "builtin:demo",
                "--frames", "1-3", "--width", "64", "--height", "36", "--samples", "4", "--node", urls.get(2),
                "--wait", "--out", out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "CLI did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("cli.log")));
        for (String f : List.of("0001.png", "0002.png", "0003.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Process status = new ProcessBuilder(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString(), "status",
                "--node", urls.get(0)).redirectErrorStream(true).start();
        String table = new String(status.getInputStream().readAllBytes());
        assertTrue(status.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, status.exitValue(), table);
        assertTrue(table.contains("n1") && table.contains("n2") && table.contains("n3"), table);
    }
}
