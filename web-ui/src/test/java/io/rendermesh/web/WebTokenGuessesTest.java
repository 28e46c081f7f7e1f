package io.rendermesh.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javalin.http.Context;
import io.rendermesh.node.api.NodeApi;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WebTokenGuessesTest {
    private final AtomicLong now = new AtomicLong();
    private final WebToken token = new WebToken("right", 8080, now::get);

    /** A Context that only has a body: all the session endpoint reads. */
    private static Context body(String json) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (p, m, args) -> {
            if (m.getName().equals("bodyAsBytes")) return json.getBytes(StandardCharsets.UTF_8);
            if (m.getReturnType() == Context.class) return p;
            return null;
        });
    }

    private void guess(String t) {
        token.startSession(body("{\"token\":\"" + t + "\"}"), io.rendermesh.protocol.model.JobProfileJson.mapper());
    }

    @Test
    void afterTenWrongGuessesEvenTheRightTokenWaitsAMinute() {
        for (int i = 0; i < WebToken.GUESSES_PER_WINDOW; i++) assertThrows(HttpApi.Unauthorized.class, () -> guess("wrong"));
        NodeApi.LimitReachedException e = assertThrows(NodeApi.LimitReachedException.class, () -> guess("right"));
        assertEquals(true, e.getMessage().contains("10 a minute"));
        now.addAndGet(WebToken.WINDOW_NANOS + 1);
        guess("right");
    }
}
