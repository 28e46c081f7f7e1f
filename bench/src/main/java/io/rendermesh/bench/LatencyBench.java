package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two local node processes. (1) Sample latency: from the end of a pass on node n0 to the SSE
 * event at a client of node n1 (same machine, same clock), over at least 500 samples. Target
 * p50 <= 20 ms, p99 <= 100 ms. (2) Control latency: from an accept-frame POST to n1 until the
 * client sees that frame done as accepted (the worker on n0 acted), target p50 <= 50 ms.
 */
public final class LatencyBench {
    record Event(String name, JsonNode data, long receivedAt) {
    }

    public static void main(String[] args) throws Exception {
        try (LocalMesh mesh = new LocalMesh(2)) {
            samples(mesh);
            control(mesh);
        }
    }

    private static List<Event> listen(String url, List<Event> into) {
        var response = LocalMesh.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread t = new Thread(() -> {
            try (Stream<String> lines = response.join().body()) {
                String[] name = {null};
                lines.forEach(line -> {
                    if (line.startsWith("event:")) name[0] = line.substring(6).trim();
                    else if (line.startsWith("data:") && name[0] != null) {
                        try {
                            into.add(new Event(name[0], LocalMesh.JSON.readTree(line.substring(5).trim()), System.currentTimeMillis()));
                        } catch (Exception ignored) {
                            // keep-alive or foreign data
                        }
                    }
                });
            } catch (Exception ignored) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        return into;
    }

    private static void samples(LocalMesh mesh) throws Exception {
        String id = mesh.submit(0, "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-24\",\"width\":320,\"height\":180,"
                + "\"params\":{\"frameMillis\":1500,\"passes\":50}}");
        List<Event> events = listen(mesh.urls.get(1) + "/api/v1/jobs/" + id + "/events", new CopyOnWriteArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (events.stream().noneMatch(e -> e.name.equals("job-done")) && System.nanoTime() < deadline) Thread.sleep(100);
        List<Long> latencies = new ArrayList<>();
        for (Event e : events) {
            if (e.name.equals("sample") && e.data.get("node").asText().equals("n0")) latencies.add(e.receivedAt - e.data.get("renderedAt").asLong());
        }
        print("sample latency, pass end on n0 -> SSE event at a client of n1", latencies, 20, 100);
    }

    private static void control(LocalMesh mesh) throws Exception {
        String id = mesh.submit(0, "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-40\",\"width\":64,\"height\":36,"
                + "\"params\":{\"frameMillis\":60000,\"passes\":600}}");
        List<Event> events = listen(mesh.urls.get(1) + "/api/v1/jobs/" + id + "/events", new CopyOnWriteArrayList<>());
        Map<Integer, Long> doneAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int frame = -1;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frame < 0 && System.nanoTime() < until) {
                for (JsonNode f : LocalMesh.get(mesh.urls.get(1) + "/api/v1/jobs/" + id).get("frames")) {
                    if (f.get("state").asText().equals("rendering") && f.get("samplesDone").asInt() > 0 && "n0".equals(f.path("node").asText())) {
                        frame = f.get("frame").asInt();
                    }
                }
                if (frame < 0) Thread.sleep(20);
            }
            if (frame < 0) break;
            long start = System.currentTimeMillis();
            LocalMesh.post(mesh.urls.get(1) + "/api/v1/jobs/" + id + "/control", "{\"action\":\"accept-frame\",\"frame\":" + frame + "}");
            int f = frame;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                Event done = events.stream().filter(e -> e.name.equals("frame-done") && e.data.get("frame").asInt() == f).findFirst().orElse(null);
                if (done != null) {
                    latencies.add(done.receivedAt - start);
                    break;
                }
                Thread.sleep(1);
            }
        }
        LocalMesh.post(mesh.urls.get(1) + "/api/v1/jobs/" + id + "/control", "{\"action\":\"cancel\"}");
        print("control latency, accept-frame POST to n1 -> frame done on n0, seen at a client of n1", latencies, 50, Long.MAX_VALUE);
        doneAt.clear();
    }

    private static void print(String what, List<Long> values, long p50Target, long p99Target) {
        if (values.isEmpty()) {
            System.out.println(what + ": no measurements");
            return;
        }
        Collections.sort(values);
        long p50 = values.get(values.size() / 2);
        long p99 = values.get(Math.min(values.size() - 1, (int) Math.ceil(values.size() * 0.99) - 1));
        System.out.printf("%s: n=%d p50=%d ms p99=%d ms max=%d ms (target p50 <= %d ms%s)%n", what, values.size(), p50, p99,
                values.get(values.size() - 1), p50Target, p99Target == Long.MAX_VALUE ? "" : ", p99 <= " + p99Target + " ms");
    }
}
