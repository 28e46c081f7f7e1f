package io.rendermesh.node.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job files between nodes over a plain TCP stream: a blob from an offset to its end, sent with
 * the kernel's zero-copy transfer. The mesh's messages carry small things well but a large bundle
 * only at a fraction of what the link can do. In a mesh with a key, the server challenges with a
 * nonce and the client answers with an HMAC under the mesh key's proof, so only members read blobs.
 * Wire: server → nonce(16); client → magic, sha (UTF), offset (long), mac(32);
 * server → status (byte), size (long), then the bytes from offset.
 */
public final class BlobStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlobStream.class);
    static final int MAGIC = 0x524d4231; // "RMB1"
    static final int MAX_CONNECTIONS = 8;
    static final int TIMEOUT_MILLIS = 30_000;
    static final byte OK = 0;
    static final byte NOT_FOUND = 1;
    static final byte REFUSED = 2;
    private final FileBlobStore blobs;
    private final byte[] key;
    private final ServerSocketChannel server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-stream");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final SecureRandom random = new SecureRandom();

    /** @param key the mesh key's proof (empty: a mesh without a key, where anyone on the mesh network may join) */
    public BlobStream(FileBlobStore blobs, InetAddress bind, byte[] key) throws IOException {
        this.blobs = blobs;
        this.key = key.clone();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bind, 0), 50);
        Thread accept = new Thread(this::acceptLoop, "blob-stream-accept");
        accept.setDaemon(true);
        accept.start();
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
                    try (s) {
                        serve(s);
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

    private void serve(SocketChannel s) throws IOException {
        s.socket().setSoTimeout(TIMEOUT_MILLIS);
        DataOutputStream out = new DataOutputStream(s.socket().getOutputStream());
        DataInputStream in = new DataInputStream(s.socket().getInputStream());
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        out.write(nonce);
        out.flush();
        if (in.readInt() != MAGIC) return;
        String sha = in.readUTF();
        long offset = in.readLong();
        byte[] mac = in.readNBytes(32);
        if (key.length > 0 && !MessageDigest.isEqual(mac, mac(key, nonce, sha, offset))) {
            out.writeByte(REFUSED);
            out.writeLong(-1);
            return;
        }
        var path = FileBlobStore.validSha(sha) ? blobs.path(sha) : java.util.Optional.<Path>empty();
        if (path.isEmpty()) {
            out.writeByte(NOT_FOUND);
            out.writeLong(-1);
            return;
        }
        try (FileChannel file = FileChannel.open(path.get(), StandardOpenOption.READ)) {
            long size = file.size();
            out.writeByte(offset >= 0 && offset <= size ? OK : NOT_FOUND);
            out.writeLong(size);
            out.flush();
            if (offset < 0 || offset > size) return;
            long pos = offset;
            while (pos < size) pos += file.transferTo(pos, size - pos, s); // sendfile: no copy through the JVM
        }
    }

    /**
     * Appends blob {@code sha} to the partial file {@code part} from where it ends, as far as the
     * peer sends it. The caller verifies the whole blob by its hash.
     */
    public static void fetch(InetSocketAddress peer, byte[] key, String sha, long expectedSize, Path part) throws IOException {
        try (SocketChannel s = SocketChannel.open();
             FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long offset = file.size();
            s.socket().connect(peer, 5_000);
            s.socket().setSoTimeout(TIMEOUT_MILLIS);
            // DataInputStream over the socket's stream reads exactly the header and nothing after it
            DataInputStream in = new DataInputStream(s.socket().getInputStream());
            DataOutputStream req = new DataOutputStream(new java.io.BufferedOutputStream(s.socket().getOutputStream()));
            byte[] nonce = in.readNBytes(16);
            req.writeInt(MAGIC);
            req.writeUTF(sha);
            req.writeLong(offset);
            req.write(key.length > 0 ? mac(key, nonce, sha, offset) : new byte[32]);
            req.flush();
            byte status = in.readByte();
            long size = in.readLong();
            if (status == REFUSED) throw new IOException(peer + " refused the blob request (mesh key mismatch?)");
            if (status != OK) throw new IOException(peer + " does not have blob " + sha);
            if (size != expectedSize) throw new IOException(peer + " has " + size + " bytes of blob " + sha + ", expected " + expectedSize);
            copyToFile(s, file, offset, size);
        }
    }

    /**
     * The blob's bytes straight from the channel into the file through one direct buffer. The
     * header was read unbuffered, so everything left in the channel is the blob. Non-blocking
     * reads with a selector give a read timeout, so a stalled peer cannot hang a fetch.
     */
    private static void copyToFile(SocketChannel s, FileChannel file, long offset, long size) throws IOException {
        s.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            s.register(selector, SelectionKey.OP_READ);
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = offset;
            file.position(pos);
            while (pos < size) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
                int n = s.read(buf);
                if (n < 0) return; // the peer went away: the chunked fetch resumes from here
                if (n == 0) {
                    if (selector.select(TIMEOUT_MILLIS) == 0) throw new IOException("peer sent nothing for " + TIMEOUT_MILLIS + " ms");
                    selector.selectedKeys().clear();
                    continue;
                }
                buf.flip();
                while (buf.hasRemaining()) pos += file.write(buf);
            }
        }
    }

    static byte[] mac(byte[] key, byte[] nonce, String sha, long offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(nonce);
            mac.update((sha + ":" + offset).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        handlers.shutdownNow();
    }
}
