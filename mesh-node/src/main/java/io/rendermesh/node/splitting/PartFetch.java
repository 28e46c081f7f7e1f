package io.rendermesh.node.splitting;

import java.util.concurrent.CompletableFuture;

/** Fetches a finished part's bytes (a blob) from the node that keeps them. */
@FunctionalInterface
public interface PartFetch {
    CompletableFuture<byte[]> fetch(String node, String sha256, long size);

    /** The frame is put together: this node's copy of a part's bytes can go. */
    default void drop(String sha256) {
    }
}
