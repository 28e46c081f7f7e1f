package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node killed with kill -9 (power loss, OOM killer) restarts from its data dir with every
 * submitted job and every finished frame, and finishes what was running.
 */
@Tag("e2e")
class NodeRecoveryIT {
    private static String synthetic(String frames, int millis) {
        return "{\"name\":\"recover\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"" + frames
                + "\",\"width\":32,\"height\":18,\"samples\":2,\"params\":{\"frameMillis\":" + millis + ",\"passes\":2}}";
    }

    @Test
    void aKilledNodeRestartsWithItsJobsAndFramesAndFinishesTheWork() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "recovery-" + System.nanoTime())).toAbsolutePath();
        int port = NodeProcess.freeMeshPort();
        NodeProcess node = NodeProcess.start("solo", dir.resolve("solo"), port, List.of());
        String firstUrl = node.webUrl();
        String url = firstUrl;
        String done = Http.JSON.readTree(Http.postJson(url + "/api/v1/jobs", synthetic("1-6", 20)).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(Http.getJson(firstUrl + "/api/v1/jobs/" + done).get("state").asText()));
        String running = Http.JSON.readTree(Http.postJson(url + "/api/v1/jobs", synthetic("1-20", 150)).body()).get("id").asText();
        for (int round = 0; round < 3; round++) {
            String u = url;
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.getJson(u + "/api/v1/jobs/" + running).get("framesDone").asInt() > 0);
            node.kill();
            node = NodeProcess.start("solo", dir.resolve("solo"), port, List.of());
            url = node.webUrl();
            JsonNode first = Http.getJson(url + "/api/v1/jobs/" + done);
            assertEquals("done", first.get("state").asText(), "round " + round);
            for (int f = 1; f <= 6; f++) assertEquals(200, Http.get(url + "/api/v1/jobs/" + done + "/frames/" + f).statusCode());
        }
        String u = url;
        await().atMost(Duration.ofSeconds(90)).until(() -> "done".equals(Http.getJson(u + "/api/v1/jobs/" + running).get("state").asText()));
        for (int f = 1; f <= 20; f++) assertEquals(200, Http.get(url + "/api/v1/jobs/" + running + "/frames/" + f).statusCode());
        assertTrue(Http.getJson(url + "/api/v1/jobs").size() >= 2);
        node.close();
    }
}
