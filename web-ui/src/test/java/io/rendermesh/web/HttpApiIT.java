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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP API of a real node (in-memory mesh) on loopback: every route, every kind of bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryMesh mesh = new InMemoryMesh();
    private MeshNode node;
    private HttpApi api;
    private HttpApi guarded;
    private String url;

    @BeforeAll
    void start() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("http-api-it");
        node = TestNodes.start(mesh, "web", dir, 50_000);
        api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 50_000));
        url = api.start();
        guarded = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, "s3cret", 50_000));
        guarded.start();
    }

    @AfterAll
    void stop() {
        api.close();
        guarded.close();
        node.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", contentType).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    HttpResponse<String> multipart(String profile, Map<String, byte[]> files) throws Exception {
        String boundary = "b0undary";
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n" + profile + "\r\n").getBytes());
        for (var f : files.entrySet()) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"; filename=\"" + f.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes());
            parts.add(f.getValue());
            parts.add("\r\n".getBytes());
        }
        parts.add(("--" + boundary + "--\r\n").getBytes());
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) all.write(p);
        // with a Content-Length, as browsers, curl and the rendermesh CLI send it
        return post("/api/v1/jobs", "multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(all.toByteArray()));
    }

    void assertError(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.hasNonNull("error") && body.get("error").asText().length() > 3, r.body());
    }

    @Test
    void healthAndNodes() throws Exception {
        JsonNode health = JSON.readTree(get("/api/v1/health").body());
        assertEquals("UP", health.get("status").asText());
        assertEquals("web", health.get("node").asText());
        JsonNode nodes = JSON.readTree(get("/api/v1/nodes").body());
        assertEquals("web", nodes.get(0).get("name").asText());
        assertEquals("builtin", nodes.get(0).get("renderers").get(0).get("package").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"colour\":1}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"9-1\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"-1\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"maya\",\"frames\":\"1\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":0}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"height\":16385}",
            "{\"scene\":\"builtin:nope\",\"renderer\":\"builtin\",\"frames\":\"1\"}",
            "{\"scene\":\"scene.pov\",\"renderer\":\"builtin\",\"frames\":\"1\"}"})
    void badProfilesAre400WithAnErrorAndTheNodeStaysUp(String body) throws Exception {
        assertError(postJson("/api/v1/jobs", body), 400);
        assertEquals(200, get("/api/v1/health").statusCode());
    }

    @Test
    void unknownJobsAndFramesAre404AndBadFrameNumbers400() throws Exception {
        assertError(get("/api/v1/jobs/nosuch"), 404);
        assertError(get("/api/v1/jobs/nosuch/frames/1"), 404);
        assertError(postJson("/api/v1/jobs/nosuch/control", "{\"action\":\"pause\"}"), 404);
        String id = JSON.readTree(postJson("/api/v1/jobs", "{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1-2\","
                + "\"params\":{\"frameMillis\":10}}").body()).get("id").asText();
        assertError(get("/api/v1/jobs/" + id + "/frames/77"), 404);
        assertError(get("/api/v1/jobs/" + id + "/frames/abc"), 400);
        assertError(get("/api/v1/jobs/" + id + "/frames/77/preview"), 404);
        assertError(postJson("/api/v1/jobs/" + id + "/control", "{\"action\":\"explode\"}"), 400);
        assertError(postJson("/api/v1/jobs/" + id + "/control", "{\"action\":\"accept-frame\"}"), 400);
        assertError(postJson("/api/v1/jobs/" + id + "/control", "{\"action\":\"priority\",\"value\":\"high\"}"), 400);
        assertError(postJson("/api/v1/jobs/" + id + "/control", "not json"), 400);
    }

    @Test
    void aSceneFolderUploadKeepsItsPathsAndRenders() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("scene.json", ("{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"t\":{\"type\":\"diffuse\",\"texture\":\"textures/dot.png\"},"
                + "\"l\":{\"type\":\"emissive\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"t\"},"
                + "{\"type\":\"quad\",\"corner\":[-1,3,-1],\"edge1\":[2,0,0],\"edge2\":[0,0,2],\"material\":\"l\"}]}").getBytes());
        files.put("textures/dot.png", java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"));
        HttpResponse<String> r = multipart("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1-2\",\"width\":16,"
                + "\"height\":9,\"samples\":2}", files);
        assertEquals(201, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).get("id").asText();
        JsonNode job = JSON.readTree(get("/api/v1/jobs/" + id).body());
        List<String> paths = new ArrayList<>();
        job.get("files").forEach(f -> paths.add(f.get("path").asText()));
        assertEquals(List.of("scene.json", "textures/dot.png"), paths);
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(JSON.readTree(get("/api/v1/jobs/" + id).body()).get("state").asText()));
        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id + "/frames/2")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void allFramesComeAsOneZipAndTilesAsSmallImages() throws Exception {
        String id = JSON.readTree(postJson("/api/v1/jobs", "{\"name\":\"zip me\",\"scene\":\"builtin:demo\",\"renderer\":\"builtin\","
                + "\"frames\":\"1-3\",\"width\":64,\"height\":36,\"samples\":2}").body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(JSON.readTree(get("/api/v1/jobs/" + id).body()).get("state").asText()));
        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id + "/frames.zip")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertTrue(zip.headers().firstValue("Content-Disposition").orElse("").contains("zip_me-" + id + ".zip"));
        List<String> names = new ArrayList<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(in.readAllBytes()));
                assertEquals(64, image.getWidth(), e.getName());
                names.add(e.getName());
            }
        }
        assertEquals(List.of("0001.png", "0002.png", "0003.png"), names);
        HttpResponse<byte[]> tile = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id + "/frames/2?w=32")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, tile.statusCode());
        assertEquals(32, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(tile.body())).getWidth());
        assertError(get("/api/v1/jobs/" + id + "/frames/2?w=huge"), 400);
        assertError(get("/api/v1/jobs/nosuch/frames.zip"), 404);
    }

    @Test
    void aBundleNamingTheSameFileTwiceIsRejected() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("scene.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("./scene.json", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = multipart("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}", files);
        assertError(r, 400);
        assertTrue(r.body().contains("twice"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.json", "/etc/passwd", "C:/x.json", "a/../../b.json", "a\\..\\..\\b.json", "\\\\server\\share\\x.json"})
    void hostileFilePathsAreRejected(String path) throws Exception {
        assertError(multipart("{\"scene\":\"x.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}",
                Map.of(path, "{}".getBytes(StandardCharsets.UTF_8))), 400);
        assertEquals(200, get("/api/v1/health").statusCode());
    }

    @Test
    void aSceneThatCannotRenderIsRejectedAtSubmission() throws Exception {
        assertError(multipart("{\"scene\":\"s.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}", Map.of("s.json",
                ("{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"t\":{\"type\":\"diffuse\",\"texture\":\"textures/gone.png\"}},"
                        + "\"objects\":[{\"type\":\"sphere\",\"center\":[0,0,0],\"material\":\"t\"}]}").getBytes())), 400);
    }

    @Test
    void anOversizedUploadIs413() throws Exception {
        assertError(multipart("{\"scene\":\"big.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}", Map.of("big.json", new byte[80_000])), 413);
        assertEquals(200, get("/api/v1/health").statusCode());
    }

    @Test
    void aJsonBodyOverTheRequestSizeLimitIs413NotAServerError() throws Exception {
        assertError(postJson("/api/v1/jobs", "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413);
        assertEquals(200, get("/api/v1/health").statusCode());
    }

    @Test
    void aTokenIsRequiredWhenConfigured() throws Exception {
        String base = "http://127.0.0.1:" + guarded.port() + "/api/v1/health";
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer nope").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer s3cret").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("RenderMesh"));
    }
}
