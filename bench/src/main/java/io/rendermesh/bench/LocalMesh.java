package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.rendermesh.cli.NodeLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real `rendermesh node --local` processes on loopback, one slot each, joined by static seeds. */
final class LocalMesh implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final List<String> urls = new ArrayList<>();
    private final List<NodeLauncher> procs = new ArrayList<>();

    LocalMesh(int nodes) throws Exception {
        Path jar = Path.of("web-ui/target/rendermesh.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("rendermesh-bench-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(NodeLauncher.freeMeshPort(ports));
        for (int i = 0; i < nodes; i++) {
            procs.add(NodeLauncher.start(jar, "n" + i, work.resolve("n" + i), ports.get(i), ports, List.of("--slots", "1")));
        }
        for (NodeLauncher p : procs) urls.add(p.webUrl(Duration.ofSeconds(90)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (get(urls.get(0) + "/api/v1/nodes").size() < nodes && System.nanoTime() < until) Thread.sleep(100);
    }

    static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String submit(int node, String profile) throws Exception {
        return JSON.readTree(post(urls.get(node) + "/api/v1/jobs", profile).body()).get("id").asText();
    }

    @Override
    public void close() throws Exception {
        for (NodeLauncher p : procs) p.close();
    }
}
