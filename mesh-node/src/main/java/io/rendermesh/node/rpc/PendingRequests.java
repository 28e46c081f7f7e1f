package io.rendermesh.node.rpc;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pairs replies with requests by request id and by the node asked: a reply from any other node is
 * not an answer. A request not answered in time completes exceptionally.
 */
public final class PendingRequests<T> {
    private record Pending<T>(String node, CompletableFuture<T> future) {
    }

    private final Map<String, Pending<T>> pending = new ConcurrentHashMap<>();

    /** Registers a new request to {@code node}; send it with the returned id. */
    public Ticket<T> open(String node, long timeoutMillis) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<T> f = new CompletableFuture<T>().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(id, new Pending<>(node, f));
        f.whenComplete((v, e) -> pending.remove(id));
        return new Ticket<>(id, f);
    }

    /** Completes the request with this id if {@code from} is the node it was sent to; false otherwise. */
    public boolean complete(String id, String from, T value) {
        Pending<T> p = id == null ? null : pending.get(id);
        return p != null && p.node().equals(from) && p.future().complete(value);
    }

    public record Ticket<T>(String id, CompletableFuture<T> future) {
    }
}
