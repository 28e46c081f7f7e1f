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
 * submitted job and every finished frame, and finishes what was running; one whose stored jobs
 * are damaged starts all the same, names what it set aside, and gets the jobs back from a peer.
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

    @Test
    void aNodeWhoseStoreIsDamagedStartsSaysWhatItSetAsideAndGetsItsJobsBackFromAPeer() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "damaged-" + System.nanoTime())).toAbsolutePath();
        List<NodeProcess> nodes = new java.util.ArrayList<>();
        try {
            int meshA = NodeProcess.freeMeshPort();
            int meshB = NodeProcess.freeMeshPort();
            nodes.add(NodeProcess.start("a", dir.resolve("a"), meshA, List.of(meshA, meshB)));
            nodes.add(NodeProcess.start("b", dir.resolve("b"), meshB, List.of(meshA, meshB)));
            String urlA = nodes.get(0).webUrl();
            String id = Http.JSON.readTree(Http.postJson(urlA + "/api/v1/jobs", synthetic("1-6", 20)).body()).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(Http.getJson(urlA + "/api/v1/jobs/" + id).get("state").asText()));
            String urlB0 = nodes.get(1).webUrl();
            await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(Http.getJson(urlB0 + "/api/v1/jobs/" + id).get("state").asText()));
            nodes.get(1).kill();
            Path dataB = dir.resolve("b");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dataB.resolve("journal.db").toFile(), "rw")) {
                for (long at = 0; at < f.length(); at += 61) {
                    f.seek(at);
                    f.write(0xa5);
                }
            }
            Path bin = dataB.resolve("jobs").resolve(id).resolve("job.bin");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(bin.toFile(), "rw")) {
                f.setLength(f.length() / 3);
            }
            NodeProcess b = NodeProcess.start("b", dataB, meshB, List.of(meshA, meshB));
            nodes.set(1, b);
            String urlB = b.webUrl();
            String log = Files.readString(b.log());
            assertTrue(log.contains("journal.db is damaged") && log.contains("job file " + bin + " is damaged"), log);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "done".equals(Http.getJson(urlB + "/api/v1/jobs/" + id).get("state").asText()));
            for (int f = 1; f <= 6; f++) assertEquals(200, Http.get(urlB + "/api/v1/jobs/" + id + "/frames/" + f).statusCode());
        } finally {
            for (NodeProcess n : nodes) n.close();
        }
    }
}
