package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The command line's view of a node's REST API; every failure becomes a {@link CliException} with a clear message. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    String base() {
        return base;
    }

    JsonNode get(String path) {
        return parse(send(request(path).GET().build()));
    }

    JsonNode delete(String path) {
        return parse(send(request(path).DELETE().build()));
    }

    byte[] getBytes(String path) {
        return send(request(path).GET().build()).body();
    }

    JsonNode post(String path, Object body) {
        try {
            return parse(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build()));
        } catch (IOException e) {
            throw new CliException("cannot encode request: " + e.getMessage());
        }
    }

    JsonNode postJsonText(String path, String json) {
        return parse(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()));
    }

    /** A multipart job submission: the profile part, then one part per file named by its bundle path. */
    JsonNode postMultipart(String path, String profileJson, Map<String, Path> files) {
        String boundary = "rendermesh-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"profile\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + profileJson + "\r\n"));
        try {
            for (Map.Entry<String, Path> f : files.entrySet()) {
                String name = f.getKey().replace("\"", "%22");
                parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                        + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
                parts.add(HttpRequest.BodyPublishers.ofFile(f.getValue()));
                parts.add(text("\r\n"));
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + e.getMessage());
        }
        parts.add(text("--" + boundary + "--\r\n"));
        HttpRequest req = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
        return parse(send(req));
    }

    /**
     * Follows a Server-Sent Events stream on a daemon thread, calling {@code onEvent(name, data)}
     * per event until the stream ends or the returned handle is cancelled.
     */
    java.util.concurrent.CompletableFuture<?> events(String path, java.util.function.BiConsumer<String, JsonNode> onEvent) {
        HttpRequest req = request(path).timeout(Duration.ofDays(7)).header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            String[] name = {null};
            r.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && name[0] != null) {
                    try {
                        onEvent.accept(name[0], JSON.readTree(line.substring(5).trim()));
                    } catch (IOException ignored) {
                        // not an event of ours
                    }
                }
            });
        });
    }

    private static HttpRequest.BodyPublisher text(String s) {
        return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest req) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CliException("cannot reach a node at " + base + " (is `rendermesh node` running? use --node URL)");
        } catch (IOException e) {
            throw new CliException("request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        if (r.statusCode() >= 400) {
            String msg = new String(r.body(), StandardCharsets.UTF_8);
            try {
                JsonNode err = JSON.readTree(msg);
                if (err.has("error")) msg = err.get("error").asText();
            } catch (IOException ignored) {
                // not JSON: show as is
            }
            throw new CliException("node answered " + r.statusCode() + ": " + msg, r.statusCode() == 404 ? 3 : 1);
        }
        return r;
    }

    private static JsonNode parse(HttpResponse<byte[]> r) {
        try {
            return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CliException("node sent a response that is not JSON: " + e.getMessage());
        }
    }
}
