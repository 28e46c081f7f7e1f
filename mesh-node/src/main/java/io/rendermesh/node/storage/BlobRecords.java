package io.rendermesh.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-GCM records of an encrypted blob stream, one direction of one connection. The key is
 * fresh per connection (derived from the blob key and both sides' nonces), so a counter is a safe
 * IV and also fixes the records' order: a record dropped, replayed or moved fails to open. Only a
 * holder of the blob key can seal records the client accepts, so they authenticate the server too.
 */
final class BlobRecords {
    /** Plaintext per record. */
    static final int PLAIN_BYTES = 64 * 1024;
    static final int TAG_BYTES = 16;
    /** Upper bound of a record on the wire, checked before anything is allocated or read. */
    static final int MAX_RECORD_BYTES = PLAIN_BYTES + TAG_BYTES;
    private static final int TAG_BITS = TAG_BYTES * 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int mode;
    private long counter;

    private BlobRecords(byte[] sessionKey, int mode) {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
        this.key = new SecretKeySpec(sessionKey, "AES");
        this.mode = mode;
    }

    static BlobRecords sealing(byte[] sessionKey) {
        return new BlobRecords(sessionKey, Cipher.ENCRYPT_MODE);
    }

    static BlobRecords opening(byte[] sessionKey) {
        return new BlobRecords(sessionKey, Cipher.DECRYPT_MODE);
    }

    /**
     * The key of one connection: HMAC-SHA256 under the blob key over both nonces and the request,
     * so the records also answer exactly this request.
     */
    static byte[] sessionKey(byte[] blobKey, byte[] serverNonce, byte[] clientNonce, String sha, long offset) {
        return hmac(blobKey, "rendermesh/blob-session", serverNonce, clientNonce, sha, offset);
    }

    /** HMAC-SHA256 under the blob key over a label (what the value is for), both nonces and the request. */
    static byte[] hmac(byte[] blobKey, String label, byte[] serverNonce, byte[] clientNonce, String sha, long offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(blobKey, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update(serverNonce);
            mac.update(clientNonce);
            mac.update((sha + ":" + offset).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Seals {@code plain[0, len)} into {@code out} as length (int) then ciphertext with tag; returns out, flipped. */
    ByteBuffer seal(byte[] plain, int len, ByteBuffer out) {
        if (mode != Cipher.ENCRYPT_MODE || len > PLAIN_BYTES) throw new IllegalStateException("not a sealing record of " + len + " bytes");
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextIv());
            out.clear();
            out.putInt(len + TAG_BYTES);
            int n = cipher.doFinal(plain, 0, len, out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + n);
            return out.flip();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a blob record failed", e);
        }
    }

    /** Opens one record's ciphertext {@code record[0, len)} into {@code plain}; returns the plaintext length. */
    int open(byte[] record, int len, byte[] plain) throws IOException {
        if (mode != Cipher.DECRYPT_MODE) throw new IllegalStateException("not an opening record");
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextIv());
            return cipher.doFinal(record, 0, len, plain, 0);
        } catch (AEADBadTagException e) {
            throw new IOException("a blob record failed authentication: the peer does not hold the mesh key, or the stream was altered");
        } catch (GeneralSecurityException e) {
            throw new IOException("a blob record could not be opened: " + e.getMessage());
        }
    }

    /** A buffer that holds one sealed record with its length prefix. */
    static ByteBuffer recordBuffer() {
        return ByteBuffer.allocate(4 + MAX_RECORD_BYTES);
    }

    private GCMParameterSpec nextIv() {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv, 4, 8).putLong(counter++);
        return new GCMParameterSpec(TAG_BITS, iv);
    }
}
