package io.rendermesh.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and malformed requests against a running node: none may answer 5xx, and the node
 * must still be healthy and render afterwards. The seed is printed; replay with -Dfuzz.seed=N.
 */
class ApiFuzzIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int REQUESTS = 1_200;
    static final Duration TIME_LIMIT = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thousandsOfMalformedRequestsGetNo5xxAndTheNodeStillRenders() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzIT seed=" + seed + " (replay: -Dfuzz.seed=" + seed + ")");
        InMemoryMesh mesh = new InMemoryMesh();
        try (MeshNode node = TestNodes.start(mesh, "fuzz", java.nio.file.Files.createTempDirectory("api-fuzz-it"), 50_000);
             HttpApi api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 50_000))) {
            String url = api.start();
            String jobId = submit(url, "{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1-4\",\"params\":{\"frameMillis\":50}}");
            FuzzRequests requests = new FuzzRequests(seed, api.port(), jobId);
            long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
            List<String> serverErrors = new ArrayList<>();
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            int sent = 0;
            for (; sent < REQUESTS && System.nanoTime() < deadline; sent++) {
                byte[] request = requests.next();
                RawHttp.Response r = RawHttp.send(api.port(), request);
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() >= 500) {
                    serverErrors.add("#" + sent + " " + firstLine(request) + " -> " + firstLine(r.text().getBytes()));
                }
            }
            System.out.println("ApiFuzzIT statuses (-1: closed unanswered): " + statuses);
            assertEquals(List.of(), serverErrors, "seed " + seed);
            // most requests must reach the routes, or the fuzzing only exercised the Host check
            assertTrue(statuses.keySet().containsAll(List.of(200, 400, 403, 404, 415)), statuses.toString());
            assertTrue(sent >= 1_000, "only " + sent + " requests within " + TIME_LIMIT + " (seed " + seed + ")");

            JsonNode health = JSON.readTree(get(url + "/api/v1/health"));
            assertEquals("UP", health.get("status").asText(), "seed " + seed);
            cancelUnfinishedJobs(url); // a fuzzed body may by chance be a valid, long job
            String tiny = submit(url, "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":16,\"height\":16,\"samples\":1}");
            await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(JSON.readTree(get(url + "/api/v1/jobs/" + tiny)).get("state").asText()));
        }
    }

    private String submit(String url, String profile) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(profile)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void cancelUnfinishedJobs(String url) throws Exception {
        for (JsonNode job : JSON.readTree(get(url + "/api/v1/jobs"))) {
            if (List.of("done", "cancelled", "failed").contains(job.get("state").asText())) continue;
            http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + job.get("id").asText() + "/control"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"cancel\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String firstLine(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = s.indexOf('\r');
        return end < 0 ? s : s.substring(0, end);
    }
}
