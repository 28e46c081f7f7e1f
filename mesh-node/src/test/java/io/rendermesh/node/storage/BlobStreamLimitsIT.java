package io.rendermesh.node.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob stream has few slots: clients that never send their request, or request and never
 * read, must lose theirs, so real fetches get through. Deadlines are short here (seconds, not the
 * production 5 s and 30 s) and every wait is bounded.
 */
class BlobStreamLimitsIT {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final BlobStream.Limits SHORT = new BlobStream.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2));
    @TempDir
    Path dir;
    FileBlobStore store;
    byte[] small;
    String smallSha;
    BlobStream server;
    final List<Socket> clients = new ArrayList<>();
    final AtomicInteger attempt = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        store = new FileBlobStore(dir.resolve("server"));
        small = new byte[300_001];
        new Random(3).nextBytes(small);
        smallSha = store.put(new ByteArrayInputStream(small), Long.MAX_VALUE);
        server = new BlobStream(store, InetAddress.getLoopbackAddress(), KEY, SHORT);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : clients) s.close();
        server.close();
    }

    @Test
    void clientsThatNeverSendARequestLoseTheirSlotsToTheHandshakeDeadline() throws Exception {
        for (int i = 0; i < BlobStream.MAX_CONNECTIONS; i++) clients.add(connect());
        assertThrows(IOException.class, this::fetchSmall, "all slots are taken by silent clients");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(this::fetchSmall);
    }

    @Test
    void clientsThatRequestAndNeverReadLoseTheirSlotsToTheStallTimeout() throws Exception {
        // more than the socket buffers on both sides hold, so the server must wait for the reader
        byte[] large = new byte[24 * 1024 * 1024];
        new Random(5).nextBytes(large);
        String largeSha = store.put(new ByteArrayInputStream(large), Long.MAX_VALUE);
        for (int i = 0; i < BlobStream.MAX_CONNECTIONS; i++) {
            Socket s = connect();
            clients.add(s);
            byte[] serverNonce = s.getInputStream().readNBytes(BlobStream.NONCE_BYTES);
            byte[] clientNonce = new byte[BlobStream.NONCE_BYTES];
            ByteBuffer req = BlobStreamClient.request(KEY, serverNonce, clientNonce, largeSha, 0);
            s.getOutputStream().write(req.array(), 0, req.limit());
        }
        assertThrows(IOException.class, this::fetchSmall, "all slots are taken by clients that do not read");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(this::fetchSmall);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        InetSocketAddress at = BlobStream.address(server.endpoint());
        s.connect(at, 5_000);
        return s;
    }

    private void fetchSmall() throws IOException {
        Path part = dir.resolve("part-" + attempt.incrementAndGet());
        BlobStream.fetch(BlobStream.address(server.endpoint()), KEY, smallSha, small.length, part);
        assertArrayEquals(small, Files.readAllBytes(part));
    }
}
