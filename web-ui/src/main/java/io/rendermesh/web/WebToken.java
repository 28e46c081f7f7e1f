package io.rendermesh.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.rendermesh.protocol.model.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The web token, when the node has one. Scripts send {@code Authorization: Bearer T}. The page
 * trades the token once (POST /api/v1/session) for an HttpOnly, SameSite=Strict cookie, so the token
 * never sits in a URL (history, logs, Referer) nor where page scripts could read it. The cookie holds
 * a digest of the token, not the token: it is bound to this token and safe in any cookie syntax.
 */
final class WebToken {
    static final String COOKIE_PREFIX = "rendermesh_token_";
    /** Wrong guesses allowed per window before the session endpoint answers 429. */
    static final int GUESSES_PER_WINDOW = 10;
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final String token;
    private final String cookieName;
    private final String cookieValue;
    private final LongSupplier nanoClock;
    /** Per client address: one guesser cannot lock the real user out, nor guess without limit anywhere. */
    private final Map<String, long[]> guesses = new java.util.HashMap<>();
    static final int MAX_TRACKED_CLIENTS = 4_096;

    /** @param port in the cookie's name: cookies ignore ports, and two nodes on one host must not share one */
    WebToken(String token, int port, LongSupplier nanoClock) {
        this.token = token;
        this.cookieName = COOKIE_PREFIX + port;
        this.cookieValue = token == null ? null : digest(token);
        this.nanoClock = nanoClock;
    }

    String cookieName() {
        return cookieName;
    }

    /** Before every API request except the session endpoint. A wrong Bearer token counts as a guess. */
    void check(Context ctx) {
        if (token == null) return;
        String auth = ctx.header("Authorization");
        String client = ctx.ip();
        if (auth != null && auth.startsWith("Bearer ")) {
            if (tooManyGuesses(client)) throw tooMany();
            if (same(auth.substring(7), token)) return;
            recordWrongGuess(client);
            throw new HttpApi.Unauthorized();
        }
        String cookie = ctx.cookie(cookieName);
        if (cookie != null && same(cookie, cookieValue)) return;
        throw new HttpApi.Unauthorized();
    }

    private static RuntimeException tooMany() {
        return new io.rendermesh.node.api.NodeApi.LimitReachedException("too many wrong tokens from this address (limit "
                + GUESSES_PER_WINDOW + " a minute): wait a minute and try again");
    }

    /** POST /api/v1/session {"token":"T"}: sets the cookie when T is right. */
    void startSession(Context ctx, ObjectMapper json) {
        Object given;
        try {
            given = json.readValue(ctx.bodyAsBytes(), Map.class).get("token");
        } catch (Exception e) {
            throw new InvalidInputException("session body must be a JSON object like {\"token\":\"...\"}");
        }
        if (!(given instanceof String t)) throw new InvalidInputException("token is required");
        if (token == null) {
            ctx.status(204);
            return;
        }
        String client = ctx.ip();
        if (!tooManyGuesses(client) && same(t, token)) {
            ctx.header("Set-Cookie", cookieName + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.header("Cache-Control", "no-store");
            ctx.status(204);
            return;
        }
        if (tooManyGuesses(client)) throw tooMany();
        recordWrongGuess(client);
        throw new HttpApi.Unauthorized();
    }

    /** window start (nanos) and wrong guesses in it, per client */
    private synchronized boolean tooManyGuesses(String client) {
        long[] g = guesses.get(client);
        if (g == null) return false;
        if (nanoClock.getAsLong() - g[0] > WINDOW_NANOS) {
            guesses.remove(client);
            return false;
        }
        return g[1] >= GUESSES_PER_WINDOW;
    }

    private synchronized void recordWrongGuess(String client) {
        if (guesses.size() >= MAX_TRACKED_CLIENTS && !guesses.containsKey(client)) {
            long now = nanoClock.getAsLong();
            guesses.values().removeIf(g -> now - g[0] > WINDOW_NANOS);
            if (guesses.size() >= MAX_TRACKED_CLIENTS) return; // a flood of addresses: each still pays a round trip
        }
        guesses.computeIfAbsent(client, k -> new long[] {nanoClock.getAsLong(), 0})[1]++;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("rendermesh-web-session\n" + token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
