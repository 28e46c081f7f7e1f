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
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Deleting a job as users do: the CLI for a finished one, HTTP for a running one (409) and an unknown one (404). */
@Tag("e2e")
class JobDeleteIT {
    private static HttpResponse<String> delete(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void finishedJobsAreDeletedRunningOnesAreRefused() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "delete-" + System.nanoTime())).toAbsolutePath();
        int port = NodeLauncher.freeMeshPort(List.of());
        try (NodeProcess n = NodeProcess.start("del1", dir.resolve("del1"), port, List.of(port))) {
            String url = n.webUrl();
            String done = Cli.run(60, "submit", "none", "--renderer", "synthetic", "--frames", "1-2", "--node", url, "--wait").firstLine();
            String running = Cli.run(60, "submit", "none", "--renderer", "synthetic", "--param", "frameMillis=60000", "--frames", "1",
                    "--node", url).firstLine();
            HttpResponse<String> refused = delete(url + "/api/v1/jobs/" + running);
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("cancel it first"), refused.body());
            Cli.Result r = Cli.run(60, "delete", done, "--node", url);
            assertEquals(0, r.exitCode(), r.output());
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(url + "/api/v1/jobs/" + done).statusCode() == 404);
            assertEquals(404, delete(url + "/api/v1/jobs/" + done).statusCode());
            assertTrue(!Files.exists(dir.resolve("del1").resolve("frames").resolve(done)), "its frames are gone from disk");
        }
    }
}
