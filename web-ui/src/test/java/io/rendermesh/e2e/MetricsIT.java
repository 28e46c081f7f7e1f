package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.cli.NodeLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An operator's Prometheus scrapes a real node: frames done by renderer, frame times, slots, the JVM; with a web token, only with it. */
@Tag("e2e")
class MetricsIT {
    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (NodeProcess n : nodes) n.close();
    }

    private static HttpResponse<String> scrape(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/metrics"));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeCountsItsFramesForPrometheus() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "metrics-" + System.nanoTime())).toAbsolutePath();
        int port = NodeLauncher.freeMeshPort(List.of());
        NodeProcess n = NodeProcess.start("m1", dir.resolve("m1"), port, List.of(port));
        nodes.add(n);
        String url = n.webUrl();
        String id = Cli.run(60, "submit", "none", "--renderer", "synthetic", "--param", "frameMillis=50", "--frames", "1-5",
                "--node", url).firstLine();
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(url + "/api/v1/jobs/" + id).get("state").asText().equals("done"));
        HttpResponse<String> r = scrape(url, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String body = r.body();
        assertTrue(body.contains("rendermesh_frames_done_total{renderer=\"synthetic\"} 5.0"), body);
        assertTrue(body.contains("rendermesh_frame_seconds_count{renderer=\"synthetic\"} 5"), "frame time histogram");
        assertTrue(body.contains("rendermesh_slots 1.0"), "slots");
        assertTrue(body.contains("rendermesh_event_streams"), "event streams");
        assertTrue(body.contains("rendermesh_mesh_messages_refused_total"), "refused messages");
        assertTrue(body.contains("jvm_memory_used_bytes"), "the JVM");
    }

    @Test
    void withAWebTokenMetricsNeedIt() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "metrics-token-" + System.nanoTime())).toAbsolutePath();
        Path tokenFile = Files.writeString(dir.resolve("token"), "s3cret-metrics-token-0123456789");
        int port = NodeLauncher.freeMeshPort(List.of());
        NodeProcess n = NodeProcess.start("m2", dir.resolve("m2"), port, List.of(port), List.of("--web-token-file", tokenFile.toString()));
        nodes.add(n);
        String url = n.webUrl();
        assertEquals(401, scrape(url, null).statusCode());
        assertEquals(200, scrape(url, "s3cret-metrics-token-0123456789").statusCode());
    }
}
