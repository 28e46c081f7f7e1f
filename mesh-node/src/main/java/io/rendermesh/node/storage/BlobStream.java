package io.rendermesh.node.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job files between nodes over a TCP stream of their own: a blob from an offset to its end. The
 * mesh's messages carry small things well but a large bundle only at a fraction of what the link
 * can do. The server challenges with a nonce; the client answers with its own nonce and an HMAC
 * under the blob key, so only members read blobs and a request cannot be replayed. In a mesh with
 * a key the blob then travels as AES-GCM records under a key fresh to the connection (see
 * {@link BlobRecords}); a keyless mesh keeps the kernel's zero-copy sendfile.
 * <p>
 * Wire: server → nonce(16); client → magic, sha (UTF), offset (long), client nonce(16), mac(32);
 * server → status (byte): REFUSED; or, keyless, OK|NOT_FOUND, size (long), the bytes from offset;
 * or, keyed, ENCRYPTED then records: the first holds status and size, the others the bytes.
 * <p>
 * Every connection holds one of a few slots, so each has limits: the request must arrive within
 * the handshake deadline, and a client that takes no bytes for the stall timeout is dropped.
 */
public final class BlobStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlobStream.class);
    static final int MAGIC = 0x524d4232; // "RMB2": RMB1 had no client nonce and no records
    static final int MAX_CONNECTIONS = 8;
    static final int NONCE_BYTES = 16;
    static final int MAC_BYTES = 32;
    static final int MAX_SHA_BYTES = 128;
    static final byte OK = 0;
    static final byte NOT_FOUND = 1;
    static final byte REFUSED = 2;
    static final byte ENCRYPTED = 3;

    /** How long a connection may take to send its request, and to take the next bytes. */
    record Limits(Duration handshake, Duration stall) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * Which blobs a connection may read: the file of blob {@code sha}, or empty when it is not
     * there or not for this reader. It may block: a site's gateway first fetches a file it lacks.
     */
    @FunctionalInterface
    public interface Access {
        Optional<Path> find(String sha) throws IOException;
    }

    private final Access access;
    private final byte[] key;
    private final Limits limits;
    private final ServerSocketChannel server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-stream");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.LongAdder served = new java.util.concurrent.atomic.LongAdder();

    /** @param key the blob key (empty: a mesh without a key, where anyone on the mesh network may join) */
    public BlobStream(FileBlobStore blobs, InetAddress bind, byte[] key) throws IOException {
        this(blobs::path, bind, 0, key, Limits.DEFAULT);
    }

    /** A stream on {@code port} (0: any) that serves only what {@code access} finds (a gateway serving job files to other sites). */
    public BlobStream(Access access, InetAddress bind, int port, byte[] key) throws IOException {
        this(access, bind, port, key, Limits.DEFAULT);
    }

    BlobStream(FileBlobStore blobs, InetAddress bind, byte[] key, Limits limits) throws IOException {
        this(blobs::path, bind, 0, key, limits);
    }

    BlobStream(Access access, InetAddress bind, int port, byte[] key, Limits limits) throws IOException {
        this.access = access;
        this.key = key.clone();
        this.limits = limits;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bind, port), 50);
        Thread accept = new Thread(this::acceptLoop, "blob-stream-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Bytes of blobs sent so far. */
    public long bytesServed() {
        return served.sum();
    }

    /** host:port where peers fetch this node's blobs. */
    public String endpoint() {
        InetSocketAddress local = (InetSocketAddress) server.socket().getLocalSocketAddress();
        String host = local.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + local.getPort();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel s = server.accept();
                if (!slots.tryAcquire()) {
                    s.close(); // the client falls back to chunks over the mesh
                    continue;
                }
                handlers.execute(() -> {
                    try (TimedChannel c = new TimedChannel(s)) {
                        serve(c);
                    } catch (IOException e) {
                        log.debug("a blob stream ended: {}", e.toString());
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (server.isOpen()) log.debug("blob stream accept failed: {}", e.toString());
            }
        }
    }

    private void serve(TimedChannel c) throws IOException {
        long handshakeEnd = TimedChannel.deadlineIn(limits.handshake().toMillis());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        c.writeFully(ByteBuffer.wrap(nonce), limits.handshake().toMillis());
        ByteBuffer head = ByteBuffer.allocate(6);
        c.readFully(head, handshakeEnd);
        if (head.flip().getInt() != MAGIC) return;
        int shaLength = Short.toUnsignedInt(head.getShort());
        if (shaLength > MAX_SHA_BYTES) return;
        ByteBuffer rest = ByteBuffer.allocate(shaLength + 8 + NONCE_BYTES + MAC_BYTES);
        c.readFully(rest, handshakeEnd);
        rest.flip();
        byte[] shaBytes = new byte[shaLength];
        rest.get(shaBytes);
        String sha = new String(shaBytes, StandardCharsets.US_ASCII);
        long offset = rest.getLong();
        byte[] clientNonce = new byte[NONCE_BYTES];
        rest.get(clientNonce);
        byte[] mac = new byte[MAC_BYTES];
        rest.get(mac);
        long stall = limits.stall().toMillis();
        if (key.length > 0 && !MessageDigest.isEqual(mac, mac(key, nonce, clientNonce, sha, offset))) {
            c.writeFully(ByteBuffer.wrap(new byte[] {REFUSED}), stall);
            return;
        }
        Optional<Path> path = FileBlobStore.validSha(sha) ? access.find(sha) : Optional.empty();
        try (FileChannel file = path.isPresent() ? FileChannel.open(path.get(), StandardOpenOption.READ) : null) {
            long size = file == null ? -1 : file.size();
            byte status = file != null && offset >= 0 && offset <= size ? OK : NOT_FOUND;
            if (key.length == 0) {
                c.writeFully(ByteBuffer.allocate(9).put(status).putLong(size).flip(), stall);
                if (status == OK) {
                    c.sendFile(file, offset, size, stall); // sendfile: no copy through the JVM
                    served.add(size - offset);
                }
                return;
            }
            c.writeFully(ByteBuffer.wrap(new byte[] {ENCRYPTED}), stall);
            BlobRecords records = BlobRecords.sealing(BlobRecords.sessionKey(key, nonce, clientNonce, sha, offset));
            ByteBuffer out = BlobRecords.recordBuffer();
            byte[] plain = new byte[BlobRecords.PLAIN_BYTES];
            ByteBuffer.wrap(plain).put(status).putLong(size);
            c.writeFully(records.seal(plain, 9, out), stall);
            if (status == OK) sendSealed(c, file, offset, size, records, plain, out);
        }
    }

    private void sendSealed(TimedChannel c, FileChannel file, long pos, long size, BlobRecords records, byte[] plain, ByteBuffer out)
            throws IOException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        while (pos < size) {
            in.clear().limit((int) Math.min(plain.length, size - pos));
            while (in.hasRemaining()) {
                int n = file.read(in, pos + in.position());
                if (n < 0) throw new IOException("the blob file shrank while it was sent");
            }
            c.writeFully(records.seal(plain, in.limit(), out), limits.stall().toMillis());
            pos += in.limit();
            served.add(in.limit());
        }
    }

    /**
     * Appends blob {@code sha} to the partial file {@code part} from where it ends, as far as the
     * peer sends it, and returns the SHA-256 of the whole partial file then (hashed on the way, so
     * the caller can verify the blob without reading it again).
     */
    public static String fetch(InetSocketAddress peer, byte[] key, String sha, long expectedSize, Path part) throws IOException {
        return BlobStreamClient.fetch(peer, key, sha, expectedSize, part, Limits.DEFAULT);
    }

    /** The socket address of an endpoint as {@link #endpoint()} wrote it. */
    public static InetSocketAddress address(String endpoint) throws IOException {
        String host = host(endpoint);
        int port = port(endpoint);
        if (host == null || port < 0) throw new IOException("bad blob endpoint " + endpoint);
        return new InetSocketAddress(host, port);
    }

    /** The host of an endpoint as {@link #endpoint()} wrote it (an IPv6 literal without its brackets), or null. */
    public static String host(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon <= 0 ? null : endpoint.substring(0, colon).replace("[", "").replace("]", "");
    }

    /** The port of an endpoint, or -1 when it has none that parses. */
    public static int port(String endpoint) {
        try {
            return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The client's proof: HMAC under the blob key over both nonces and the request. */
    static byte[] mac(byte[] key, byte[] serverNonce, byte[] clientNonce, String sha, long offset) {
        return BlobRecords.hmac(key, "rendermesh/blob-request", serverNonce, clientNonce, sha, offset);
    }

    @Override
    public void close() throws IOException {
        server.close();
        handlers.shutdownNow();
    }
}
