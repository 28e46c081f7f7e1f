package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreEvictionTest {
    @TempDir
    Path dir;

    private static String put(FileBlobStore store, int fill) throws Exception {
        byte[] data = new byte[100];
        java.util.Arrays.fill(data, (byte) fill);
        return store.put(new ByteArrayInputStream(data), 1_000);
    }

    private static void lastUsed(FileBlobStore store, String sha, long millis) throws Exception {
        Files.setLastModifiedTime(store.path(sha).orElseThrow(), FileTime.fromMillis(millis));
    }

    @Test
    void overTheLimitTheLeastRecentlyUsedUnpinnedBlobsGoFirst() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        store.setLimitBytes(250);
        String oldest = put(store, 1);
        String pinnedOld = put(store, 2);
        lastUsed(store, oldest, 1_000);
        lastUsed(store, pinnedOld, 500);
        store.pin(pinnedOld);
        String newest = put(store, 3); // 300 bytes now: one blob must go
        assertFalse(store.has(oldest), "the least recently used blob is evicted");
        assertTrue(store.has(pinnedOld), "a blob pinned by a running job stays");
        assertTrue(store.has(newest));
    }

    @Test
    void withoutALimitNothingIsEvicted() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        String a = put(store, 1);
        put(store, 2);
        put(store, 3);
        assertTrue(store.has(a));
    }
}
