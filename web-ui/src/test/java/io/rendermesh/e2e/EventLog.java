package io.rendermesh.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A job's Server-Sent Events as a client of one node receives them, for assertions. */
final class EventLog implements AutoCloseable {
    record Event(String name, JsonNode data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;

    EventLog(String nodeUrl, String jobId) {
        stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(nodeUrl + "/api/v1/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(this::read, "sse-" + jobId);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (Stream<String> lines = stream.join().body()) {
            String[] name = {null};
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && name[0] != null) {
                    try {
                        events.add(new Event(name[0], Http.JSON.readTree(line.substring(5).trim())));
                    } catch (Exception ignored) {
                        // not JSON: not one of ours
                    }
                }
            });
        } catch (Exception ignored) {
            // the stream was closed at the end of the test
        }
    }

    boolean has(String name) {
        return events.stream().anyMatch(e -> e.name.equals(name));
    }

    /** Event names about one frame, in order. */
    List<String> of(int frame) {
        List<String> names = new ArrayList<>();
        for (Event e : events) if (e.data.has("frame") && e.data.get("frame").asInt() == frame) names.add(e.name);
        return names;
    }

    /** Every frame had a sample before its frame-done, and none after. */
    void assertSamplesBeforeDone(int firstFrame, int lastFrame) {
        for (int f = firstFrame; f <= lastFrame; f++) {
            List<String> names = of(f);
            int done = names.indexOf("frame-done");
            assertTrue(done > 0 && names.subList(0, done).contains("sample"), "frame " + f + ": " + names);
            assertTrue(!names.subList(done, names.size()).contains("sample"), "frame " + f + ": " + names);
        }
    }

    @Override
    public void close() {
        stream.cancel(true);
    }
}
