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

/**
 * Parallel efficiency: 60 synthetic frames of 200 ms on three local node processes (one slot
 * each). Prints makespan / ideal, where ideal = frames x frame time / slots. Target: <= 1.05.
 */
public final class ParallelEfficiencyBench {
    private static final Pattern READY = Pattern.compile("ready web=(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int frames = 60;
        int frameMillis = 200;
        int nodes = 3;
        Path jar = Path.of("web-ui/target/rendermesh.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("rendermesh-bench-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(freePort(ports));
        List<Process> procs = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m", "-jar", jar.toString(), "node", "--local", "--name", "bench-" + i, "--data-dir",
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
            String base = urls.get(0) + "/api/v1";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (get(base + "/nodes").size() < nodes && System.nanoTime() < until) Thread.sleep(100);
            for (int round = 1; round <= 2; round++) {
                String profile = "{\"name\":\"bench\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames
                        + "\",\"width\":64,\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":" + frameMillis + ",\"passes\":4}}";
                long start = System.nanoTime();
                String id = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(profile)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
                JsonNode job;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                do {
                    Thread.sleep(5);
                    job = get(base + "/jobs/" + id);
                } while (!job.get("state").asText().equals("done") && System.nanoTime() < deadline);
                double makespan = (System.nanoTime() - start) / 1e9;
                double ideal = frames * frameMillis / 1000.0 / nodes;
                System.out.printf("round %d: %d frames x %d ms on %d nodes: makespan %.3f s, ideal %.3f s, makespan/ideal %.3f (target <= 1.05)%n",
                        round, frames, frameMillis, nodes, makespan, ideal, makespan / ideal);
            }
        } finally {
            procs.forEach(Process::destroy);
            for (Process p : procs) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
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
}
