package io.rendermesh.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rendermesh.node.MeshNode;
import io.rendermesh.node.render.input.CraftedPng;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scenes built to hurt the node, submitted over HTTP: each is refused at submission with a 400
 * that names the problem, and the node stays healthy (it still renders an honest job).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileScenesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private MeshNode node;
    private HttpApi api;
    private String url;

    @BeforeAll
    void start() throws Exception {
        node = TestNodes.start(new InMemoryMesh(), "hostile", Files.createTempDirectory("hostile-it"), 10_000_000);
        api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, null, 10_000_000));
        url = api.start();
    }

    @AfterAll
    void stop() {
        api.close();
        node.close();
    }

    private HttpResponse<String> submit(String profile, Map<String, byte[]> files) throws Exception {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n" + profile + "\r\n").getBytes());
        for (var f : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"" + f.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes());
            body.write(f.getValue());
            body.write("\r\n".getBytes());
        }
        body.write(("--" + boundary + "--\r\n").getBytes());
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r, String mentions) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).get("error").asText();
        assertTrue(error.contains(mentions), error);
    }

    @Test
    void aGltfSceneWhoseBufferLeavesTheBundleIsRefusedNamingTheFile() throws Exception {
        String gltf = """
                {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
                 "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
                 "buffers":[{"byteLength":36,"uri":"../../../../etc/passwd"}],
                 "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36}],
                 "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}]}""";
        assertRefused(submit("{\"scene\":\"escape.gltf\",\"renderer\":\"builtin\",\"frames\":\"1\"}",
                Map.of("escape.gltf", gltf.getBytes())), "../../../../etc/passwd");
    }

    @Test
    void aTextureThatDeclaresAHugeSizeIsRefusedBeforeItIsDecoded() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("scene.json", ("{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"t\":{\"type\":\"diffuse\",\"texture\":"
                + "\"textures/huge.png\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"t\"}]}").getBytes());
        files.put("textures/huge.png", CraftedPng.declaring(100_000, 100_000));
        assertRefused(submit("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}", files), "huge.png");
    }

    @Test
    void aFrameLargerThanAnyNodeCanHoldIsRefusedAndTheNodeLivesOn() throws Exception {
        HttpResponse<String> r = postJson("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\","
                + "\"width\":16384,\"height\":16384,\"samples\":1}");
        assertEquals(400, r.statusCode(), r.body());
        HttpResponse<String> ok = postJson("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\","
                + "\"width\":16,\"height\":16,\"samples\":1}");
        assertEquals(201, ok.statusCode(), ok.body());
        String id = JSON.readTree(ok.body()).get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> JSON.readTree(http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("state").asText().equals("done"));
    }
}
