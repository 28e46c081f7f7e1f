package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a wiretap sees of a blob stream, and what a client accepts from a server that lacks the mesh key. */
class BlobStreamSecrecyIT {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes();
    @TempDir
    Path dir;
    FileBlobStore store;
    byte[] data;
    String sha;

    @BeforeEach
    void blob() throws Exception {
        store = new FileBlobStore(dir.resolve("server"));
        data = new byte[2 * 1024 * 1024 + 5];
        new Random(11).nextBytes(data);
        sha = store.put(new ByteArrayInputStream(data), Long.MAX_VALUE);
    }

    @Test
    void withAKeyTheBytesOnTheWireHoldNoneOfTheBlob() throws Exception {
        byte[] wire = fetchThroughProxy(KEY, dir.resolve("part"));
        assertTrue(wire.length > data.length, "the proxy carried the transfer");
        for (int at : new int[] {0, data.length / 2, data.length - 64}) {
            assertFalse(io.rendermesh.node.testkit.Bytes.contains(wire, Arrays.copyOfRange(data, at, at + 64)), "blob bytes at " + at + " on the wire");
        }
    }

    @Test
    void withoutAKeyTheWiretapSeesTheBlob() throws Exception {
        // the control for the test above: the same tap does find clear bytes
        byte[] wire = fetchThroughProxy(new byte[0], dir.resolve("part"));
        assertTrue(io.rendermesh.node.testkit.Bytes.contains(wire, Arrays.copyOfRange(data, data.length / 2, data.length / 2 + 64)));
    }

    @Test
    void aResumedEncryptedFetchHoldsNoneOfTheBlobOnTheWire() throws Exception {
        Path part = dir.resolve("part");
        Files.write(part, Arrays.copyOf(data, 700_001));
        byte[] wire = fetchThroughProxy(KEY, part);
        assertTrue(wire.length > data.length - 700_001, "the proxy carried the rest");
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(wire, Arrays.copyOfRange(data, 700_001, 700_001 + 64)));
        assertFalse(io.rendermesh.node.testkit.Bytes.contains(wire, Arrays.copyOfRange(data, data.length - 64, data.length)));
    }

    private byte[] fetchThroughProxy(byte[] key, Path part) throws Exception {
        try (BlobStream server = new BlobStream(store, InetAddress.getLoopbackAddress(), key);
             RecordingProxy proxy = new RecordingProxy(BlobStream.address(server.endpoint()))) {
            BlobStream.fetch(proxy.address(), key, sha, data.length, part);
            assertArrayEquals(data, Files.readAllBytes(part));
            return proxy.recorded();
        }
    }

    @Test
    void recordsFromAServerWithoutTheMeshKeyAreRejectedAndNothingIsWritten() throws Exception {
        try (ServerSocket impostor = impostor((out, request) -> {
            // it plays the protocol faithfully, but seals under a key of its own
            BlobRecords records = BlobRecords.sealing(BlobRecords.sessionKey(OTHER_KEY, request.serverNonce, request.clientNonce, sha, 0));
            byte[] plain = new byte[BlobRecords.PLAIN_BYTES];
            ByteBuffer.wrap(plain).put(BlobStream.OK).putLong(data.length);
            ByteBuffer rec = BlobRecords.recordBuffer();
            write(out, new byte[] {BlobStream.ENCRYPTED});
            write(out, records.seal(plain, 9, rec));
            System.arraycopy(data, 0, plain, 0, plain.length);
            write(out, records.seal(plain, plain.length, rec));
        })) {
            Path part = dir.resolve("part");
            IOException e = assertThrows(IOException.class, () -> BlobStream.fetch(address(impostor), KEY, sha, data.length, part));
            assertTrue(e.getMessage().contains("authentication"), e.getMessage());
            assertEquals(0, Files.size(part));
        }
    }

    @Test
    void aClearAnswerIsRefusedByAClientWithAKey() throws Exception {
        try (ServerSocket impostor = impostor((out, request) -> {
            write(out, ByteBuffer.allocate(9).put(BlobStream.OK).putLong(data.length).flip());
            write(out, ByteBuffer.wrap(data));
        })) {
            Path part = dir.resolve("part");
            IOException e = assertThrows(IOException.class, () -> BlobStream.fetch(address(impostor), KEY, sha, data.length, part));
            assertTrue(e.getMessage().contains("clear text"), e.getMessage());
            assertEquals(0, Files.size(part));
        }
    }

    record Request(byte[] serverNonce, byte[] clientNonce) {
    }

    /** A one-connection server that sends a nonce, reads a request for a 64-hex-digit blob, then answers with {@code answer}. */
    private static ServerSocket impostor(BiConsumer<OutputStream, Request> answer) throws IOException {
        ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = ss.accept()) {
                byte[] serverNonce = new byte[BlobStream.NONCE_BYTES];
                new Random().nextBytes(serverNonce);
                s.getOutputStream().write(serverNonce);
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readNBytes(4 + 2 + 64 + 8);
                byte[] clientNonce = in.readNBytes(BlobStream.NONCE_BYTES);
                in.readNBytes(BlobStream.MAC_BYTES);
                answer.accept(s.getOutputStream(), new Request(serverNonce, clientNonce));
                s.getOutputStream().flush();
                s.shutdownOutput();
                in.readAllBytes(); // until the client hangs up
            } catch (IOException e) {
                // the client hung up
            }
        }, "impostor-blob-server");
        t.setDaemon(true);
        t.start();
        return ss;
    }

    private static InetSocketAddress address(ServerSocket ss) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort());
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        write(out, bytes);
    }
}
