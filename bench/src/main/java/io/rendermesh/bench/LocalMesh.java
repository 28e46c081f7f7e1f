package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real `rendermesh node --local` processes on loopback, one slot each, joined by static seeds. */
final class LocalMesh implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern READY = Pattern.compile("ready web=(\\S+)");
    final List<String> urls = new ArrayList<>();
    private final List<Process> procs = new ArrayList<>();

    LocalMesh(int nodes) throws Exception {
        Path jar = Path.of("web-ui/target/rendermesh.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("rendermesh-bench-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(freePort(ports));
        for (int i = 0; i < nodes; i++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", jar.toString(), "node", "--local", "--name", "n" + i, "--data-dir",
                    work.resolve("n" + i).toString(), "--mesh-port", ports.get(i).toString(), "--web-port", "0", "--slots", "1",
                    "--seeds", String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList())));
            Process p = new ProcessBuilder(cmd).redirectError(work.resolve("n" + i + ".err").toFile()).start();
            procs.add(p);
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) url.complete(m.group(1));
                    }
                } catch (Exception ignored) {
                    // process ended
                }
            });
            t.setDaemon(true);
            t.start();
            urls.add(url.get(90, TimeUnit.SECONDS));
        }
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

    private static int freePort(List<Integer> taken) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 100 > 65535 || taken.contains(port)) continue;
                try (ServerSocket t = new ServerSocket(port + 100)) {
                    return port;
                } catch (Exception busy) {
                    // next
                }
            }
        }
        throw new IllegalStateException("no free port");
    }

    @Override
    public void close() throws Exception {
        procs.forEach(Process::destroy);
        for (Process p : procs) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }
}
