package io.rendermesh.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** --max-event-streams: one stream too many is 429 naming the limit; a closed stream frees its slot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamCapIT {
    static final int CAP = 2;
    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryMesh mesh = new InMemoryMesh();
    private MeshNode node;
    private HttpApi api;
    private String url;
    private String jobId;

    @BeforeAll
    void start() throws Exception {
        node = TestNodes.start(mesh, "sse", java.nio.file.Files.createTempDirectory("sse-cap-it"), 50_000);
        api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 50_000, List.of(), CAP));
        url = api.start();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1-20\","
                        + "\"params\":{\"frameMillis\":60000}}")).build(), HttpResponse.BodyHandlers.ofString());
        jobId = HttpApiIT.JSON.readTree(r.body()).get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
        node.close();
    }

    private HttpResponse<InputStream> open() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void beyondTheCapAStreamIs429AndClosingOneFreesItsSlot() throws Exception {
        HttpResponse<InputStream> first = open();
        HttpResponse<InputStream> second = open();
        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        HttpResponse<InputStream> third = open();
        assertEquals(429, third.statusCode());
        String error = new String(third.body().readAllBytes());
        assertTrue(error.contains("\"error\"") && error.contains("limit " + CAP), error);

        first.body().close();
        // the server learns of the close on its next write (an event or the periodic keep-alive)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<InputStream> again = open();
            if (again.statusCode() != 200) {
                again.body().close();
                return false;
            }
            again.body().close();
            return true;
        });
        second.body().close();
    }
}
