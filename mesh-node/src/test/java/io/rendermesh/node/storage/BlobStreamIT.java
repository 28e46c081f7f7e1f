package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob streams over loopback: whole (encrypted, and zero-copy without a key), resumed from a partial file, and refused without the mesh key. */
class BlobStreamIT {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    @TempDir
    Path dir;
    byte[] data;
    String sha;
    BlobStream server;

    @BeforeEach
    void start() throws Exception {
        FileBlobStore store = new FileBlobStore(dir.resolve("server"));
        data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        sha = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE);
        server = new BlobStream(store, InetAddress.getLoopbackAddress(), KEY);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aWholeBlobArrivesIntact() throws Exception {
        Path part = dir.resolve("part");
        BlobStream.fetch(BlobStream.address(server.endpoint()), KEY, sha, data.length, part);
        assertArrayEquals(data, Files.readAllBytes(part));
    }

    @Test
    void aKeylessMeshStreamsTheBlobInClear() throws Exception {
        try (BlobStream keyless = new BlobStream(new FileBlobStore(dir.resolve("server")), InetAddress.getLoopbackAddress(), new byte[0])) {
            Path part = dir.resolve("part");
            BlobStream.fetch(BlobStream.address(keyless.endpoint()), new byte[0], sha, data.length, part);
            assertArrayEquals(data, Files.readAllBytes(part));
        }
    }

    @Test
    void aKeylessClientIsToldTheMeshHasAKey() {
        IOException e = assertThrows(IOException.class, () -> BlobStream.fetch(BlobStream.address(server.endpoint()),
                new byte[0], sha, data.length, dir.resolve("part")));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aPartialDownloadResumesWhereItStopped() throws Exception {
        Path part = dir.resolve("part");
        Files.write(part, Arrays.copyOf(data, 1_000_003));
        BlobStream.fetch(BlobStream.address(server.endpoint()), KEY, sha, data.length, part);
        assertArrayEquals(data, Files.readAllBytes(part));
    }

    @Test
    void withoutTheMeshKeyNothingIsSent() {
        Path part = dir.resolve("part");
        IOException e = assertThrows(IOException.class, () -> BlobStream.fetch(BlobStream.address(server.endpoint()),
                "another key of sixteen bytes!!".getBytes(), sha, data.length, part));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertTrue(!Files.exists(part) || part.toFile().length() == 0);
    }

    @Test
    void anUnknownBlobIsNotFound() {
        IOException e = assertThrows(IOException.class, () -> BlobStream.fetch(BlobStream.address(server.endpoint()), KEY,
                "ab".repeat(32), 10, dir.resolve("part")));
        assertTrue(e.getMessage().contains("does not have"), e.getMessage());
    }
}
