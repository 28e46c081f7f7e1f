package io.rendermesh.node.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed files (scene files, textures) under {@code DATA_DIR/blobs}, named by the
 * lowercase hex SHA-256 of their bytes. Safe for concurrent use.
 */
public interface BlobStore {

    /**
     * Stores a stream, returning its SHA-256; reads at most {@code maxBytes} and throws
     * {@link BlobTooLargeException} beyond (nothing is kept then).
     */
    String put(InputStream in, long maxBytes) throws IOException;

    boolean has(String sha256);

    /** Path of a stored blob, for reading or for linking into a job directory. */
    Optional<Path> path(String sha256);

    long size(String sha256) throws IOException;

    /** Up to {@code length} bytes from {@code offset}; fewer at the end. */
    byte[] read(String sha256, long offset, int length) throws IOException;

    /** Removes a blob no job uses any more (nothing when it is not here). */
    default void delete(String sha256) throws IOException {
    }

    /** Least-recently-used eviction above this many bytes (0: no limit); blobs in use by open jobs are kept. */
    void setLimitBytes(long limit);

    class BlobTooLargeException extends IOException {
        public BlobTooLargeException(String message) {
            super(message);
        }
    }
}
