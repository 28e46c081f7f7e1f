package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.NodeParts.BlobFetchChannel;
import io.rendermesh.protocol.message.MeshMessage.BlobChunk;
import io.rendermesh.protocol.model.BundleEntry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleJobFilesTest {
    @TempDir
    Path dir;

    /** Serves chunks of one blob; "a" goes away after {@code aChunks} chunks. */
    static final class Peers implements BlobFetchChannel {
        final byte[] data;
        final List<String> requests = new ArrayList<>();
        int aChunks = Integer.MAX_VALUE;

        Peers(byte[] data) {
            this.data = data;
        }

        @Override
        public synchronized CompletableFuture<BlobChunk> fetch(String node, String sha, long offset, int length) {
            requests.add(node + "@" + offset);
            if (node.equals("a") && aChunks-- <= 0) return CompletableFuture.failedFuture(new IllegalStateException("a left"));
            int end = (int) Math.min(data.length, offset + length);
            return CompletableFuture.completedFuture(new BlobChunk("r", sha, offset, data.length, Arrays.copyOfRange(data, (int) offset, end)));
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(3).nextBytes(b);
        return b;
    }

    private static String shaOf(byte[] data, Path scratch) throws Exception {
        return new FileBlobStore(scratch).put(new ByteArrayInputStream(data), Long.MAX_VALUE);
    }

    @Test
    void aSecondJobWithTheSameTexturesTransfersNothing() throws Exception {
        byte[] texture = random(2 * BundleJobFiles.CHUNK_BYTES + 5);
        List<BundleEntry> manifest = List.of(new BundleEntry("textures/wood.png", shaOf(texture, dir.resolve("x")), texture.length));
        Peers peers = new Peers(texture);
        BundleJobFiles files = new BundleJobFiles(dir.resolve("node"), new FileBlobStore(dir.resolve("node")), peers);
        Path first = files.prepare("j1", manifest, List.of("a")).get(10, TimeUnit.SECONDS);
        assertArrayEquals(texture, Files.readAllBytes(first.resolve("textures/wood.png")));
        int requests = peers.requests.size();
        assertEquals(3, requests);
        Path second = files.prepare("j2", manifest, List.of("a")).get(10, TimeUnit.SECONDS);
        assertArrayEquals(texture, Files.readAllBytes(second.resolve("textures/wood.png")));
        assertEquals(requests, peers.requests.size(), "the cached blob was fetched again");
        files.close();
    }

    @Test
    void aPeerThatLeavesMidwayIsReplacedAndTheDownloadResumes() throws Exception {
        byte[] texture = random(5 * BundleJobFiles.CHUNK_BYTES);
        List<BundleEntry> manifest = List.of(new BundleEntry("t.png", shaOf(texture, dir.resolve("x")), texture.length));
        Peers peers = new Peers(texture);
        peers.aChunks = 2;
        BundleJobFiles files = new BundleJobFiles(dir.resolve("node"), new FileBlobStore(dir.resolve("node")), peers);
        Path job = files.prepare("j1", manifest, List.of("a", "b")).get(10, TimeUnit.SECONDS);
        assertArrayEquals(texture, Files.readAllBytes(job.resolve("t.png")));
        long fromB = peers.requests.stream().filter(r -> r.startsWith("b@")).count();
        assertTrue(peers.requests.contains("b@" + 2L * BundleJobFiles.CHUNK_BYTES), "b resumes where a stopped: " + peers.requests);
        assertEquals(3, fromB, "only the missing chunks come from b: " + peers.requests);
        files.close();
    }

    /** A frame's scratch folder is made by name, and the same attempt again gets a folder of its own beside it. */
    @Test
    void scratchFoldersAreTheAttemptsOwnEvenWhenOneIsLeftOver() throws Exception {
        BundleJobFiles files = new BundleJobFiles(dir.resolve("node"), new FileBlobStore(dir.resolve("node")), new Peers(new byte[0]));
        Path first = files.scratchDir("j1", 7, 1);
        Path again = files.scratchDir("j1", 7, 1);
        assertTrue(Files.isDirectory(first) && Files.isDirectory(again));
        assertEquals(dir.resolve("node").resolve("scratch").resolve("j1-7-1"), first);
        assertTrue(!first.equals(again) && again.getParent().equals(first.getParent()), again.toString());
    }
}
