package io.rendermesh.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.api.NodeApi;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A node at one of its limits answers 429 with the node's own words, wherever it says so. */
class LimitReachedIT {
    @Test
    void aJobSubmittedBeyondTheNodesJobCapIs429NamingTheLimit() throws Exception {
        NodeApi full = (NodeApi) Proxy.newProxyInstance(NodeApi.class.getClassLoader(), new Class<?>[] {NodeApi.class}, (p, m, args) -> {
            if (m.getName().equals("submit")) throw new NodeApi.LimitReachedException("this node keeps at most 1000 jobs (--max-jobs)");
            throw new UnsupportedOperationException(m.getName());
        });
        try (HttpApi api = new HttpApi(full, new HttpApi.Options("127.0.0.1", 0, null, 50_000))) {
            String url = api.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, r.statusCode(), r.body());
            assertTrue(r.body().contains("at most 1000 jobs (--max-jobs)"), r.body());
        }
    }
}
