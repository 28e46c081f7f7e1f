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

    /** A Context with a body, a client address and maybe an Authorization header: all the token reads. */
    private static Context request(String json, String ip, String authorization) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (p, m, args) -> {
            if (m.getName().equals("bodyAsBytes")) return json.getBytes(StandardCharsets.UTF_8);
            if (m.getName().equals("ip")) return ip;
            if (m.getName().equals("header") && "Authorization".equals(args[0])) return authorization;
            if (m.getReturnType() == Context.class) return p;
            return null;
        });
    }

    private void guess(String t) {
        guess(t, "10.0.0.9");
    }

    private void guess(String t, String ip) {
        token.startSession(request("{\"token\":\"" + t + "\"}", ip, null), io.rendermesh.protocol.model.JobProfileJson.mapper());
    }

    @Test
    void oneGuessersLockoutLeavesOtherAddressesAlone() {
        for (int i = 0; i < WebToken.GUESSES_PER_WINDOW; i++) assertThrows(HttpApi.Unauthorized.class, () -> guess("wrong"));
        assertThrows(NodeApi.LimitReachedException.class, () -> guess("right"));
        guess("right", "10.0.0.10");
    }

    @Test
    void wrongBearerTokensCountAsGuessesToo() {
        for (int i = 0; i < WebToken.GUESSES_PER_WINDOW; i++) {
            assertThrows(HttpApi.Unauthorized.class, () -> token.check(request("", "10.0.0.7", "Bearer wrong")));
        }
        assertThrows(NodeApi.LimitReachedException.class, () -> token.check(request("", "10.0.0.7", "Bearer right")));
        token.check(request("", "10.0.0.8", "Bearer right"));
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
