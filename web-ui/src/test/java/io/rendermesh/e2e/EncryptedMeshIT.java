package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.node.membership.MeshKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a wiretap on loopback sees of a two-node mesh rendering a job: with a mesh key, none of the
 * job's name, its file's name and contents, or a finished frame's pixels; without one (the
 * control, so the capture provably works) all of them in clear. A marker split across two TCP
 * segments would escape the search; loopback segments are large and the control finds each one. Real node processes, real
 * tcpdump on the mesh ports, their failure-detection ports (+100) and their blob streams.
 */
@Tag("e2e")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EncryptedMeshIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private LoopbackCapture capture;

    /** What one run put on the wire and what to look for in it. */
    record Run(byte[] wire, byte[] jobName, byte[] fileName, byte[] content, byte[] framePixels) {
    }

    @BeforeAll
    static void tcpdumpAvailable() throws Exception {
        assumeTrue(isRoot(), "capturing loopback traffic needs root");
        if (!onPath("tcpdump")) {
            Process install = new ProcessBuilder(Path.of("..", "scripts", "install-test-tools").toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(install.waitFor(15, TimeUnit.MINUTES), "scripts/install-test-tools did not finish");
        }
        assertTrue(onPath("tcpdump"), "tcpdump missing after scripts/install-test-tools");
    }

    @AfterEach
    void stop() throws Exception {
        if (capture != null) capture.close();
        for (NodeProcess n : nodes) n.close();
    }

    @Test
    void aMeshWithAKeyShowsTheCaptureNoJobNameFileNameFileContentOrFramePixels() throws Exception {
        Run run = renderUnderCapture(true);
        assertTrue(run.wire.length > 20_000, "the capture holds the mesh's traffic: " + run.wire.length + " bytes");
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.jobName), "job name in clear");
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.fileName), "file name in clear");
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.content), "file content in clear");
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.framePixels), "frame pixels in clear");
    }

    @Test
    void aMeshWithoutAKeyShowsTheSameCaptureEverythingInClear() throws Exception {
        // the control: each thing the test above looks for is found when the mesh has no key
        Run run = renderUnderCapture(false);
        assertTrue(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.jobName), "job name on the wire");
        assertTrue(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.fileName), "file name on the wire");
        assertTrue(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.content), "file content on the wire");
        assertTrue(io.rendermesh.node.testkit.Bytes.contains(run.wire, run.framePixels), "frame pixels on the wire");
    }

    /**
     * Starts nodes a and b (one slot each), captures their mesh, failure-detection and blob ports,
     * renders a synthetic job with a marked name and file submitted to a until every frame is done
     * and both nodes rendered some, fetches a frame b rendered, then stops the capture.
     */
    private Run renderUnderCapture(boolean keyed) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "encrypted-" + System.nanoTime())).toAbsolutePath();
        List<String> extra = new ArrayList<>();
        if (keyed) {
            Path keyFile = dir.resolve("mesh.key");
            Files.writeString(keyFile, MeshKey.generate().joinCode() + "\n");
            extra.addAll(List.of("--mesh-key-file", keyFile.toString()));
        }
        int pa = NodeProcess.freeMeshPort();
        int pb = NodeProcess.freeMeshPort();
        // one after the other: b joins a's mesh rather than both forming meshes of one at once
        nodes.add(NodeProcess.start("a", dir.resolve("a"), pa, List.of(pa, pb), extra));
        String urlA = nodes.get(0).webUrl();
        nodes.add(NodeProcess.start("b", dir.resolve("b"), pb, List.of(pa, pb), extra));
        String urlB = nodes.get(1).webUrl();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.getJson(urlA + "/api/v1/nodes").size() == 2 && Http.getJson(urlB + "/api/v1/nodes").size() == 2);
        List<Integer> ports = new ArrayList<>(List.of(pa, pa + 100, pb, pb + 100));
        for (JsonNode n : Http.getJson(urlA + "/api/v1/nodes")) {
            String blob = n.get("blobAddress").asText();
            ports.add(Integer.parseInt(blob.substring(blob.lastIndexOf(':') + 1)));
        }
        capture = LoopbackCapture.start(dir.resolve("mesh.pcap"), ports);

        String token = UUID.randomUUID().toString().replace("-", "");
        // the wire format may mark a string's last character, so each marker is followed by more text
        String jobName = "rmjob" + token;
        String fileName = "rmfile" + token;
        String content = "rmscene" + token;
        String profile = "{\"name\":\"" + jobName + "-end\",\"scene\":\"" + fileName + ".txt\",\"renderer\":{\"package\":\"synthetic\"},"
                + "\"frames\":\"1-12\",\"width\":64,\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":400,\"passes\":4}}";
        HttpResponse<String> created = submit(urlA, profile, fileName + ".txt", (content + " a scene for the capture test\n").repeat(50));
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.JSON.readTree(created.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("done", "failed", "cancelled").contains(Http.getJson(urlA + "/api/v1/jobs/" + id).get("state").asText()));
        JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + id);
        assertEquals("done", job.get("state").asText(), job.toString());
        Set<String> renderedBy = new HashSet<>();
        int frameOfB = -1;
        for (JsonNode f : job.get("frames")) {
            renderedBy.add(f.get("node").asText());
            if (f.get("node").asText().equals("b")) frameOfB = f.get("frame").asInt();
        }
        assertEquals(Set.of("a", "b"), renderedBy, "both nodes rendered frames");
        // a frame rendered on b, as the submitter a serves it: it crossed the mesh
        HttpResponse<byte[]> png = Http.get(urlA + "/api/v1/jobs/" + id + "/frames/" + frameOfB);
        assertEquals(200, png.statusCode());
        assertTrue(png.body().length >= 8 + 64, "a PNG of " + png.body().length + " bytes");
        byte[] pixels = Arrays.copyOfRange(png.body(), 8, 8 + 64);
        byte[] wire = capture.stopAndRead(ports.get(ports.size() - 1)); // a blob stream: it reads what comes and hangs up
        return new Run(wire, bytes(jobName), bytes(fileName), bytes(content), pixels);
    }

    private static HttpResponse<String> submit(String url, String profile, String fileName, String fileContent) throws Exception {
        String boundary = "rmcapture" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n" + profile + "\r\n"));
        body.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + fileContent + "\r\n"));
        body.writeBytes(bytes("--" + boundary + "--\r\n"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isRoot() throws Exception {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return p.waitFor(10, TimeUnit.SECONDS) && uid.equals("0");
    }

    private static boolean onPath(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
