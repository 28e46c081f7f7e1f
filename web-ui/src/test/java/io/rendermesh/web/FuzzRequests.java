package io.rendermesh.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded random and malformed HTTP/1.1 requests for ApiFuzzIT: odd methods, paths and headers,
 * bad JSON, wrong types, huge numbers, truncated multipart bodies. Never asks for an event stream
 * (that would stay open) and mostly names this node as Host so the requests get past the Host check.
 */
final class FuzzRequests {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
            "FOO", "get", "P0ST", "CONNECT");
    private static final List<String> PATHS = List.of("/api/v1/health", "/api/v1/nodes", "/api/v1/scenes", "/api/v1/jobs",
            "/api/v1/jobs/JOB", "/api/v1/jobs/JOB/control", "/api/v1/jobs/JOB/frames/N", "/api/v1/jobs/JOB/frames/N/preview",
            "/api/v1/jobs/JOB/frames.zip", "/api/v1/jobs/JOB/events", "/api/v1/session", "/", "/js/app.js", "/index.html",
            "/api/v1/", "/api/v2/jobs", "/api/v1/jobs/JOB/frames/N?w=W");
    private static final List<String> JUNK = List.of("", "..", "%2e%2e", "%00", "%zz", "%", "a b", "\u00e9", "%C3%A9", "nosuch",
            "-1", "99999999999999999999", "1e309", "NaN", "%2F..%2F..%2Fetc%2Fpasswd", ";", "?", "#", "~", "*", "{id}", "\\\\");
    private static final List<String> TYPES = List.of("application/json", "application/json; charset=utf-8", "text/plain",
            "multipart/form-data; boundary=B", "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded",
            "application/json; charset=nonsense", "image/png", "", "\u0001\u0002");
    private static final List<String> BODIES = List.of("", "{", "}", "[]", "null", "true", "\"str\"", "{\"scene\":1}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1-99999999999\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":{\"package\":[]},\"frames\":\"1\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":1e400}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"samples\":-5}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"priority\":99999999999999999999999}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"params\":\"x\"}",
            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":{}}", "{\"action\":\"pause\"}", "{\"action\":7}",
            "{\"action\":\"priority\",\"value\":1e10}", "{\"action\":\"accept-frame\",\"frame\":-3}", "{\"action\":\"set-samples\",\"value\":\"x\"}",
            "{\"action\":\"rerender-frame\",\"frame\":2147483648}", "{\"token\":null}", "{\"token\":12}", "{\"a\":" + "[".repeat(3000) + "}",
            "\u0000\u0001\u0002", "{\"scene\":\"\u0000\"}");

    private final Random random;
    private final int port;
    private final String jobId;

    FuzzRequests(long seed, int port, String jobId) {
        this.random = new Random(seed);
        this.port = port;
        this.jobId = jobId;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** One request, bytes as they go on the wire. */
    byte[] next() {
        String method = random.nextInt(3) == 0 ? pick(METHODS) : (random.nextBoolean() ? "POST" : "GET");
        String path = pick(PATHS).replace("JOB", random.nextInt(3) == 0 ? pick(JUNK) : jobId)
                .replace("N", random.nextBoolean() ? Integer.toString(random.nextInt(5)) : pick(JUNK))
                .replace("W", random.nextBoolean() ? Integer.toString(random.nextInt(9000) - 10) : pick(JUNK));
        if (random.nextInt(20) == 0) path = path + "/" + "x".repeat(random.nextInt(10_000));
        if (random.nextInt(20) == 0) path = path + "//" + pick(JUNK);
        byte[] body = body();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        head.append("Host: ").append(random.nextInt(15) == 0 ? pick(List.of("evil.example", "", "127.0.0.1:1", "[::1", "a b"))
                : "127.0.0.1:" + port).append("\r\n");
        if (random.nextInt(3) > 0) head.append("Content-Type: ").append(random.nextBoolean() ? "multipart/form-data; boundary=B" : pick(TYPES)).append("\r\n");
        int length = body.length;
        int lengthKind = random.nextInt(12);
        if (lengthKind == 0) head.append("Content-Length: ").append(length + random.nextInt(1000) + 1).append("\r\n"); // truncated
        else if (lengthKind == 1) head.append("Content-Length: ").append(pick(List.of("-1", "abc", "99999999999999999999", "1, 2"))).append("\r\n");
        else if (lengthKind == 2) head.append("Transfer-Encoding: chunked\r\n"); // and a body that is not chunked
        else if (length > 0 || random.nextBoolean()) head.append("Content-Length: ").append(length).append("\r\n");
        for (int i = random.nextInt(4); i > 0; i--) head.append(oddHeader()).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(random.nextInt(10) == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        all.writeBytes(body);
        return all.toByteArray();
    }

    private String oddHeader() {
        return switch (random.nextInt(10)) {
            case 0 -> "Origin: " + pick(List.of("http://evil.example", "null", "http://127.0.0.1:" + port, "\u00ff"));
            case 1 -> "Authorization: " + pick(List.of("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer " + "t".repeat(5000)));
            case 2 -> "Cookie: " + pick(List.of("rendermesh_token_" + port + "=zz", "=;=;", "a=" + "b".repeat(4000)));
            case 3 -> "Sec-Fetch-Site: " + pick(List.of("cross-site", "same-origin", "none", ""));
            case 4 -> "X-Big: " + "y".repeat(random.nextInt(20_000));
            case 5 -> "Accept: " + pick(List.of("*/*", "application/json", "image/*", ""));
            case 6 -> "Range: bytes=" + pick(List.of("0-1", "x-y", "-999999999999"));
            case 7 -> "Expect: " + pick(List.of("100-continue", "nonsense"));
            case 8 -> "No Colon Header";
            default -> "Content-Encoding: " + pick(List.of("gzip", "br", "identity"));
        };
    }

    private byte[] body() {
        int kind = random.nextInt(5);
        if (kind == 0) return multipart();
        if (kind == 1) {
            byte[] noise = new byte[random.nextInt(3000)];
            random.nextBytes(noise);
            return noise;
        }
        String b = pick(BODIES);
        if (random.nextInt(4) == 0 && !b.isEmpty()) b = b.substring(0, random.nextInt(b.length()));
        return b.getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart body, sometimes cut short, with odd part names and filenames. */
    private byte[] multipart() {
        String profile = pick(BODIES);
        String file = pick(List.of("scene.json", "../x.json", "/etc/passwd", "", "a\u0000b", "textures/t.png", "x".repeat(500)));
        String text = "--B\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n" + profile + "\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "{}".repeat(random.nextInt(100)) + "\r\n--B--\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) return bytes;
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
}
