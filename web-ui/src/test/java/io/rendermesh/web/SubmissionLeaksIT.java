package io.rendermesh.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Submissions with files over HTTP leave no thread and no open file behind (each used to leak a fetch thread). */
class SubmissionLeaksIT {
    static final int SUBMISSIONS = 500;
    private static final String SCENE = "{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"l\":{\"type\":\"emissive\"}},"
            + "\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"l\"}]}";

    @Test
    void fiveHundredSubmissionsLeaveThreadsAndFilesWhereTheyWere() throws Exception {
        Path dir = Files.createTempDirectory("leaks-it");
        MeshNode node = TestNodes.start(new InMemoryMesh(), "leaks", dir, 1_000_000);
        HttpClient http = HttpClient.newHttpClient();
        try (HttpApi api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 1_000_000))) {
            String url = api.start();
            for (int i = 0; i < 10; i++) submit(http, url, i); // pools warm up
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long files = openFiles();
            for (int i = 10; i < 10 + SUBMISSIONS; i++) submit(http, url, i);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                int now = ManagementFactory.getThreadMXBean().getThreadCount();
                if (now > threads + 10) throw new AssertionError("threads " + threads + " -> " + now);
                long open = openFiles();
                if (files >= 0 && open > files + 10) throw new AssertionError("open files " + files + " -> " + open);
            });
        } finally {
            node.close();
        }
    }

    private static void submit(HttpClient http, String url, int i) throws Exception {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n{\"scene\":\"scene.json\","
                + "\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":4,\"height\":4,\"samples\":1}\r\n").getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"scene.json\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + SCENE.replace("4]", i + "]") + "\r\n--" + boundary + "--\r\n").getBytes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    /** Open file descriptors of this process, or -1 where /proc is not there. */
    private static long openFiles() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) return -1;
        try (var s = Files.list(fds)) {
            return s.count();
        }
    }
}
