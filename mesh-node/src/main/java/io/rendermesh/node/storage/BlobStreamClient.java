package io.rendermesh.node.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The fetching side of a {@link BlobStream}. With a key it accepts only GCM records sealed under
 * this connection's key, so a server without the mesh key (or anyone between) can hand it nothing,
 * and it never accepts a clear answer. Every read has a stall limit, so a silent peer cannot hang a fetch.
 */
final class BlobStreamClient {
    static final int CONNECT_MILLIS = 5_000;
    static final int WRITE_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobStreamClient() {
    }

    /** Returns the SHA-256 (hex) of the whole partial file as it stands after the fetch, hashed as the bytes went by. */
    static String fetch(InetSocketAddress peer, byte[] key, String sha, long expectedSize, Path part, BlobStream.Limits limits)
            throws IOException {
        long stall = limits.stall().toMillis();
        try (SocketChannel s = SocketChannel.open();
             FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long offset = file.size();
            MessageDigest digest = digestOf(file, offset);
            s.socket().connect(peer, CONNECT_MILLIS);
            try (TimedChannel c = new TimedChannel(s)) {
                ByteBuffer serverNonce = ByteBuffer.allocate(BlobStream.NONCE_BYTES);
                c.readFullyStalling(serverNonce, stall);
                byte[] clientNonce = new byte[BlobStream.NONCE_BYTES];
                RANDOM.nextBytes(clientNonce);
                c.writeFully(request(key, serverNonce.array(), clientNonce, sha, offset), stall);
                ByteBuffer status = ByteBuffer.allocate(1);
                c.readFullyStalling(status, stall);
                byte answer = status.get(0);
                if (answer == BlobStream.REFUSED) throw new IOException(peer + " refused the blob request (mesh key mismatch?)");
                if (key.length == 0) {
                    if (answer == BlobStream.ENCRYPTED) throw new IOException(peer + " is in a mesh with a key; this node has none");
                    ByteBuffer size = ByteBuffer.allocate(8);
                    c.readFullyStalling(size, stall);
                    check(peer, sha, answer, size.getLong(0), expectedSize);
                    copyClear(c, file, offset, expectedSize, stall, digest);
                } else {
                    if (answer != BlobStream.ENCRYPTED) throw new IOException(peer + " answered in clear text in a mesh with a key");
                    BlobRecords records = BlobRecords.opening(BlobRecords.sessionKey(key, serverNonce.array(), clientNonce, sha, offset));
                    copySealed(peer, sha, c, records, file, offset, expectedSize, stall, digest);
                }
                return HexFormat.of().formatHex(digest.digest());
            }
        }
    }

    /** A digest of the first {@code length} bytes already in the file (a resumed fetch). */
    private static MessageDigest digestOf(FileChannel file, long length) throws IOException {
        MessageDigest digest = FileBlobStore.sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int n = file.read(buf, pos);
            if (n < 0) throw new IOException("the partial file shrank");
            digest.update(buf.flip());
            pos += n;
        }
        return digest;
    }

    static ByteBuffer request(byte[] key, byte[] serverNonce, byte[] clientNonce, String sha, long offset) {
        byte[] shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
        if (shaBytes.length > BlobStream.MAX_SHA_BYTES) throw new IllegalArgumentException("not a blob hash: " + sha);
        ByteBuffer req = ByteBuffer.allocate(4 + 2 + shaBytes.length + 8 + BlobStream.NONCE_BYTES + BlobStream.MAC_BYTES);
        req.putInt(BlobStream.MAGIC).putShort((short) shaBytes.length).put(shaBytes).putLong(offset).put(clientNonce);
        req.put(key.length > 0 ? BlobStream.mac(key, serverNonce, clientNonce, sha, offset) : new byte[BlobStream.MAC_BYTES]);
        return req.flip();
    }

    private static void check(InetSocketAddress peer, String sha, byte status, long size, long expectedSize) throws IOException {
        if (status != BlobStream.OK) throw new IOException(peer + " does not have blob " + sha);
        if (size != expectedSize) throw new IOException(peer + " has " + size + " bytes of blob " + sha + ", expected " + expectedSize);
    }

    /** Keyless: everything after the header is the blob, straight into the file through one direct buffer. */
    private static void copyClear(TimedChannel c, FileChannel file, long pos, long size, long stall, MessageDigest digest)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        file.position(pos);
        while (pos < size) {
            buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
            c.readSome(buf, stall);
            buf.flip();
            digest.update(buf.duplicate());
            while (buf.hasRemaining()) pos += file.write(buf);
        }
    }

    /**
     * Keyed: the first record holds status and size, each further one up to 64 KiB of the blob.
     * A record is written to the file only after it opened, so nothing unverified lands there.
     */
    private static void copySealed(InetSocketAddress peer, String sha, TimedChannel c, BlobRecords records, FileChannel file,
            long pos, long size, long stall, MessageDigest digest) throws IOException {
        byte[] record = new byte[BlobRecords.MAX_RECORD_BYTES];
        byte[] plain = new byte[BlobRecords.PLAIN_BYTES];
        int n = readRecord(c, records, record, plain, stall);
        if (n != 9) throw new IOException(peer + " sent a malformed blob stream header");
        ByteBuffer header = ByteBuffer.wrap(plain, 0, 9);
        check(peer, sha, header.get(), header.getLong(), size);
        // records are gathered into one large direct buffer: a file write per 64 KiB record costs more than the cipher
        ByteBuffer pending = ByteBuffer.allocateDirect(WRITE_BYTES);
        file.position(pos);
        while (pos < size) {
            n = readRecord(c, records, record, plain, stall);
            if (n == 0 || n > size - pos) throw new IOException(peer + " sent a record of " + n + " bytes at offset " + pos);
            digest.update(plain, 0, n);
            if (pending.remaining() < n) drain(pending, file);
            pending.put(plain, 0, n);
            pos += n;
        }
        drain(pending, file);
    }

    private static void drain(ByteBuffer pending, FileChannel file) throws IOException {
        pending.flip();
        while (pending.hasRemaining()) file.write(pending);
        pending.clear();
    }

    private static int readRecord(TimedChannel c, BlobRecords records, byte[] record, byte[] plain, long stall) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        c.readFullyStalling(length, stall);
        int len = length.getInt(0);
        if (len < BlobRecords.TAG_BYTES || len > BlobRecords.MAX_RECORD_BYTES) throw new IOException("a blob record of " + len + " bytes");
        c.readFullyStalling(ByteBuffer.wrap(record, 0, len), stall);
        return records.open(record, len, plain);
    }
}
