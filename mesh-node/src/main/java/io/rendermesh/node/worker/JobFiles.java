package io.rendermesh.node.worker;

import io.rendermesh.protocol.model.BundleEntry;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Lays out a job's files on this node (fetching missing blobs from peers) before a frame renders. */
public interface JobFiles extends AutoCloseable {
    /**
     * The job directory holding every bundle file at its relative path, verified.
     * {@code sources} are the nodes to fetch missing files from, best first.
     */
    CompletableFuture<Path> prepare(String jobId, List<BundleEntry> manifest, List<String> sources);

    /** A fresh, empty scratch directory for one render attempt. */
    Path scratchDir(String jobId, int frame, int attempt) throws java.io.IOException;

    /** host:port where peers stream this node's blobs from, or null when it serves them only as chunks. */
    default String blobEndpoint() {
        return null;
    }

    /**
     * Keeps bytes this node made (a frame's accumulated passes) as a blob peers can fetch; returns
     * its SHA-256. Without a blob store of its own (some test parts) there is none to keep.
     */
    default String keep(byte[] bytes) throws java.io.IOException {
        throw new java.io.IOException("this node keeps no blobs for its peers");
    }

    /** The bytes of one blob, from this node or fetched from {@code sources} and verified. */
    default CompletableFuture<byte[]> blob(BundleEntry entry, List<String> sources) {
        return CompletableFuture.failedFuture(new java.io.IOException("this node fetches no single blobs"));
    }

    /** A blob kept or fetched for a passing need (a split frame's part) is no longer needed. */
    default void drop(String sha256) {
    }

    /** The job was deleted: its folder goes. */
    default void forget(String jobId) throws java.io.IOException {
    }

    /** Bytes of blobs this node's stream has sent to peers. */
    default long bytesServed() {
        return 0;
    }

    /** Stops serving and fetching; the node is shutting down. */
    @Override
    default void close() {
    }
}
