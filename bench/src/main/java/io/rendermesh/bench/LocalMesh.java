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
        this(java.util.Collections.nCopies(nodes, List.of()));
    }

    /** @param extraArgs one list of further `node` options per node, e.g. "--tags", "far" */
    LocalMesh(List<List<String>> extraArgs) throws Exception {
        int nodes = extraArgs.size();
        Path jar = Path.of("web-ui/target/rendermesh.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("rendermesh-bench-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(NodeLauncher.freeMeshPort(ports));
        for (int i = 0; i < nodes; i++) {
            procs.add(NodeLauncher.start(jar, "n" + i, work.resolve("n" + i), ports.get(i), ports, withSlots(extraArgs.get(i))));
        }
        for (NodeLauncher p : procs) urls.add(p.webUrl(Duration.ofSeconds(90)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (get(urls.get(0) + "/api/v1/nodes").size() < nodes && System.nanoTime() < until) Thread.sleep(100);
    }

    private static List<String> withSlots(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--slots", "1"));
        args.addAll(extra);
        return args;
    }

    /** Submits a job with its files as multipart, streaming each file from disk. */
    String submitFiles(int node, String profile, java.util.Map<String, Path> files) throws Exception {
        String boundary = "rmbench" + System.nanoTime();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + profile + "\r\n"));
        for (var e : files.entrySet()) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                    + "\"; filename=\"" + e.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            parts.add(HttpRequest.BodyPublishers.ofFile(e.getValue()));
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get(node) + "/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    /**
     * Waits (bounded) until the job ends; returns its final state. Polls the job list, whose
     * summaries are small: the job's detail lists every frame, and serializing that 50 times a second
     * on the node under test would be part of what is measured. Every 20 ms once nine frames in ten
     * are done (or the job has fewer than ten), where the end is timed, and every 200 ms before: the
     * polling itself took about 5 % of a core on the node polled, on a machine the nodes share.
     */
    String awaitEnd(int node, String jobId, Duration max) throws Exception {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            long pause = 20;
            for (JsonNode job : get(urls.get(node) + "/api/v1/jobs")) {
                if (!job.get("id").asText().equals(jobId)) continue;
                String state = job.get("state").asText();
                if (state.equals("done") || state.equals("failed") || state.equals("cancelled")) return state;
                int total = job.path("framesTotal").asInt();
                if (total >= 10 && job.path("framesDone").asInt() * 10L < total * 9L) pause = 200;
            }
            Thread.sleep(pause);
        }
        throw new IllegalStateException("job " + jobId + " did not end within " + max);
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
