package io.rendermesh.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A browser page elsewhere cannot change anything here; the CLI and the node's own page still can. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebOriginIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVIL = "http://evil.example";
    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryMesh mesh = new InMemoryMesh();
    private MeshNode node;
    private HttpApi api;
    private String url;

    @BeforeAll
    void start() throws Exception {
        node = TestNodes.start(mesh, "origin", java.nio.file.Files.createTempDirectory("web-origin-it"), 50_000);
        api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 50_000));
        url = api.start();
    }

    @AfterAll
    void stop() {
        api.close();
        node.close();
    }

    private HttpResponse<String> post(String path, String type, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) b.header("Origin", origin);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void assertError(HttpResponse<String> r, int status, String mentions) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("error").asText().contains(mentions), r.body());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    private String slowJob() throws Exception {
        HttpResponse<String> r = post("/api/v1/jobs", "application/json", null, "{\"scene\":\"x\",\"renderer\":\"synthetic\","
                + "\"frames\":\"1-50\",\"params\":{\"frameMillis\":60000}}");
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    @Test
    void aCrossOriginMultipartJobIsRefusedAndCreatesNoJob() throws Exception {
        int before = get("/api/v1/jobs").size();
        String body = "--b\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n"
                + "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":16,\"height\":16,\"samples\":1}\r\n--b--\r\n";
        assertError(post("/api/v1/jobs", "multipart/form-data; boundary=b", EVIL, body), 403, "cross-origin request refused");
        assertEquals(before, get("/api/v1/jobs").size());
        assertEquals(201, post("/api/v1/jobs", "multipart/form-data; boundary=b", null, body).statusCode(), "the CLI's way");
        assertEquals(201, post("/api/v1/jobs", "multipart/form-data; boundary=b", url, body).statusCode(), "the page's way");
        assertEquals(before + 2, get("/api/v1/jobs").size());
    }

    @Test
    void crossOriginOrPlainTextControlIsRefusedAndLeavesTheJobAlone() throws Exception {
        String id = slowJob();
        String control = "/api/v1/jobs/" + id + "/control";
        assertError(post(control, "application/json", EVIL, "{\"action\":\"cancel\"}"), 403, "cross-origin request refused");
        assertError(post(control, "text/plain", null, "{\"action\":\"cancel\"}"), 415, "application/json");
        assertError(post(control, "application/x-www-form-urlencoded", null, "action=cancel"), 415, "multipart/form-data");
        assertNotEquals("cancelled", get("/api/v1/jobs/" + id).get("state").asText());
        assertEquals(202, post(control, "application/json", url, "{\"action\":\"pause\"}").statusCode(), "the page's way");
        await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(get("/api/v1/jobs/" + id).get("state").asText()));
        assertEquals(202, post(control, "application/json", null, "{\"action\":\"cancel\"}").statusCode(), "the CLI's way");
        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(get("/api/v1/jobs/" + id).get("state").asText()));
    }

    @Test
    void aCrossSiteFetchWithoutOriginIsStillRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(r, 403, "cross-origin request refused");
    }

    @Test
    void aForeignHostIs421ForTheApiAndThePage() throws Exception {
        for (String path : List.of("/api/v1/health", "/", "/js/app.js")) {
            RawHttp.Response r = RawHttp.send(api.port(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + api.port()
                    + "\r\nConnection: close\r\n\r\n", new byte[0]);
            assertEquals(421, r.status(), path + "\n" + r.text());
            assertTrue(r.text().contains("\"error\"") && r.text().contains("host name"), r.text());
        }
        RawHttp.Response own = RawHttp.send(api.port(), "GET /api/v1/health HTTP/1.1\r\nHost: localhost:" + api.port()
                + "\r\nConnection: close\r\n\r\n", new byte[0]);
        assertEquals(200, own.status(), own.text());
    }

    @Test
    void aPreflightGetsNoCorsAllowance() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", EVIL).header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")), r.headers().toString());
        assertTrue(r.statusCode() >= 400, "status " + r.statusCode());
    }
}
