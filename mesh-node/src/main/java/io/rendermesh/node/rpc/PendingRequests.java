package io.rendermesh.node.rpc;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Pairs replies with requests by request id; a request not answered in time completes exceptionally. */
public final class PendingRequests<T> {
    private final Map<String, CompletableFuture<T>> pending = new ConcurrentHashMap<>();

    /** Registers a new request; send it with the returned id. */
    public Ticket<T> open(long timeoutMillis) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<T> f = new CompletableFuture<T>().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(id, f);
        f.whenComplete((v, e) -> pending.remove(id));
        return new Ticket<>(id, f);
    }

    /** Completes the request with this id; returns false for an unknown or expired id. */
    public boolean complete(String id, T value) {
        CompletableFuture<T> f = id == null ? null : pending.get(id);
        return f != null && f.complete(value);
    }

    public record Ticket<T>(String id, CompletableFuture<T> future) {
    }
}
