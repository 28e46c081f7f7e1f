package io.rendermesh.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** The token: a header for scripts, an HttpOnly SameSite=Strict cookie for the page, never a URL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebTokenIT {
    static final String TOKEN = "s3cret-" + Long.toHexString(System.nanoTime());
    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryMesh mesh = new InMemoryMesh();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private MeshNode node;
    private HttpApi api;
    private String url;

    @BeforeAll
    void start() throws Exception {
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        node = TestNodes.start(mesh, "tok", java.nio.file.Files.createTempDirectory("web-token-it"), 50_000);
        api = new HttpApi(node.api(), new HttpApi.Options("127.0.0.1", 0, TOKEN, 50_000));
        url = api.start();
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        api.close();
        node.close();
    }

    private int status(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest.Builder health() {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/health"));
    }

    private HttpResponse<String> session(String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"));
        if (origin != null) b.header("Origin", origin);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTokenWorksAsABearerHeaderButNoLongerInTheQuery() throws Exception {
        assertEquals(401, status(health()));
        assertEquals(401, status(health().header("Authorization", "Bearer wrong")));
        assertEquals(200, status(health().header("Authorization", "Bearer " + TOKEN)));
        assertEquals(401, status(HttpRequest.newBuilder(URI.create(url + "/api/v1/health?token=" + TOKEN))));
        assertEquals(401, status(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/x/events?token=" + TOKEN))
                .header("Accept", "text/event-stream")));
    }

    @Test
    void thePageTradesTheTokenForAnHttpOnlySameSiteStrictCookieThatThenWorks() throws Exception {
        HttpResponse<String> r = session(TOKEN, url);
        assertEquals(204, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("rendermesh_token_" + api.port() + "="), cookie);
        assertTrue(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/"), cookie);
        assertFalse(cookie.contains(TOKEN), "the cookie holds a digest, not the token");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertEquals(200, status(health().header("Cookie", pair)));
        String tampered = pair.substring(0, pair.length() - 1) + (pair.endsWith("0") ? "1" : "0");
        assertEquals(401, status(health().header("Cookie", tampered)));
    }

    @Test
    void aWrongTokenSetsNoCookieAndAForeignPageCannotStartASession() throws Exception {
        HttpResponse<String> wrong = session("wrong", null);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> foreign = session(TOKEN, "http://evil.example");
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void theTokenNeverAppearsInTheLogs() throws Exception {
        session(TOKEN, null);
        status(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/nosuch?token=" + TOKEN)).header("Authorization", "Bearer " + TOKEN));
        status(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs?token=" + TOKEN)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\"")));
        for (ILoggingEvent e : logged.list) {
            String all = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(all.contains(TOKEN), "token in the log: " + all);
        }
    }
}
