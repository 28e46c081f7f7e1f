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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two real node processes: a job submitted to A renders on B as well; a client of B's event
 * stream sees each frame's samples before its frame-done, and previews are served while frames
 * render. Control input sent to B reaches the coordinator on A.
 */
@Tag("e2e")
class LiveSamplesIT {
    /** Two joined nodes "a" and "b"; returns their web URLs (closed by the caller through {@code started}). */
    private static List<String> startPair(String label, List<NodeProcess> started) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", label + "-" + System.nanoTime())).toAbsolutePath();
        NodeProcess.startPair(dir, List.of(), started);
        return List.of(started.get(0).webUrl(), started.get(1).webUrl());
    }

    private static void stopAll(List<NodeProcess> started) throws InterruptedException {
        for (NodeProcess p : started) p.close();
    }

    @Test
    void samplesReachAWatcherOnAnotherNodeBeforeEachFrameIsDone() throws Exception {
        List<NodeProcess> started = new ArrayList<>();
        try {
            List<String> urls = startPair("samples", started);
            String urlA = urls.get(0);
            String urlB = urls.get(1);
            String profile = "{\"name\":\"live\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-6\",\"width\":64,"
                    + "\"height\":36,\"samples\":8,\"params\":{\"frameMillis\":1200,\"passes\":8}}";
            String id = Http.JSON.readTree(Http.postJson(urlA + "/api/v1/jobs", profile).body()).get("id").asText();
            EventLog log = new EventLog(urlB, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> log.has("sample"));
            int frame = log.events.stream().filter(e -> e.name().equals("sample")).findFirst().get().data().get("frame").asInt();
            HttpResponse<byte[]> preview = Http.get(urlB + "/api/v1/jobs/" + id + "/frames/" + frame + "/preview");
            assertEquals(200, preview.statusCode());
            assertTrue(preview.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
            assertEquals(200, Http.get(urlA + "/api/v1/jobs/" + id + "/frames/" + frame + "/preview").statusCode());

            await().atMost(Duration.ofSeconds(60)).until(() -> log.has("job-done"));
            JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + id);
            Set<String> renderers = new HashSet<>();
            job.get("frames").forEach(f -> renderers.add(f.get("node").asText()));
            assertEquals(Set.of("a", "b"), renderers, "both nodes render");
            log.assertSamplesBeforeDone(1, 6);
            log.close();
        } finally {
            stopAll(started);
        }
    }

    @Test
    void controlSentToAnyNodeReachesTheCoordinator() throws Exception {
        List<NodeProcess> started = new ArrayList<>();
        try {
            List<String> urls = startPair("control", started);
            String urlA = urls.get(0);
            String urlB = urls.get(1);
            String profile = "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-20\",\"width\":16,\"height\":9,"
                    + "\"params\":{\"frameMillis\":10000,\"passes\":100}}";
            String id = Http.JSON.readTree(Http.postJson(urlA + "/api/v1/jobs", profile).body()).get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> Http.getJson(urlB + "/api/v1/jobs/" + id).get("frames").findValues("samplesDone")
                    .stream().anyMatch(n -> n.asInt() > 0));
            int rendering = -1;
            for (JsonNode f : Http.getJson(urlB + "/api/v1/jobs/" + id).get("frames")) {
                if (f.get("samplesDone").asInt() > 0) rendering = f.get("frame").asInt();
            }
            assertEquals(202, Http.postJson(urlB + "/api/v1/jobs/" + id + "/control", "{\"action\":\"accept-frame\",\"frame\":" + rendering + "}").statusCode());
            int accepted = rendering;
            await().atMost(Duration.ofSeconds(2)).until(() -> {
                for (JsonNode f : Http.getJson(urlA + "/api/v1/jobs/" + id).get("frames")) {
                    if (f.get("frame").asInt() == accepted) return f.get("state").asText().equals("done") && f.get("accepted").asBoolean();
                }
                return false;
            });
            assertEquals(200, Http.get(urlB + "/api/v1/jobs/" + id + "/frames/" + accepted).statusCode());
            assertEquals(400, Http.postJson(urlB + "/api/v1/jobs/" + id + "/control", "{\"action\":\"explode\"}").statusCode());
            assertEquals(400, Http.postJson(urlB + "/api/v1/jobs/" + id + "/control", "{\"action\":\"accept-frame\",\"frame\":999}").statusCode());
            assertEquals(404, Http.postJson(urlB + "/api/v1/jobs/nojob/control", "{\"action\":\"pause\"}").statusCode());
            assertEquals(202, Http.postJson(urlB + "/api/v1/jobs/" + id + "/control", "{\"action\":\"cancel\"}").statusCode());
            await().atMost(Duration.ofSeconds(3)).until(() -> {
                for (JsonNode n : Http.getJson(urlA + "/api/v1/nodes")) if (n.get("busySlots").asInt() > 0) return false;
                return "cancelled".equals(Http.getJson(urlA + "/api/v1/jobs/" + id).get("state").asText());
            });
        } finally {
            stopAll(started);
        }
    }
}
