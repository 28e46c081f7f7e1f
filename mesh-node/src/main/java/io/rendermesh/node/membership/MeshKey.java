package io.rendermesh.node.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a mesh. The raw key never travels: every use gets its own key derived
 * from it (join authentication, message encryption, the blob stream), so a weakness in one use
 * does not hand over the others. Shared between people as a join code ({@code rmk1-...}).
 */
public final class MeshKey {
    public static final String FILE_NAME = "mesh.key";
    static final int KEY_BYTES = 32;
    private static final String CODE_PREFIX = "rmk1-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private MeshKey(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("a mesh key has at least 16 bytes, this one " + key.length);
        this.key = key.clone();
    }

    public static MeshKey generate() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return new MeshKey(k);
    }

    /** Reads a key file: a join code, or (older files) raw bytes of at least 16. */
    public static MeshKey read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII).trim();
        if (text.startsWith(CODE_PREFIX)) return fromJoinCode(text);
        if (bytes.length < 16) throw new IOException("mesh key file " + file + " holds fewer than 16 bytes");
        return new MeshKey(bytes);
    }

    public static MeshKey fromJoinCode(String code) {
        String c = code == null ? "" : code.trim();
        if (!c.startsWith(CODE_PREFIX)) throw new IllegalArgumentException("a join code starts with " + CODE_PREFIX);
        byte[] k;
        try {
            k = Base64.getUrlDecoder().decode(c.substring(CODE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the join code is damaged: " + e.getMessage());
        }
        if (k.length != KEY_BYTES) throw new IllegalArgumentException("the join code is damaged: wrong length");
        return new MeshKey(k);
    }

    public String joinCode() {
        return CODE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** Writes the key as a join code, readable by its owner only, replacing the file atomically. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "mesh", ".key.tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile folder is private already
            }
            Files.writeString(tmp, joinCode() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Proves the key in joins (HMAC key). */
    public byte[] authKey(String mesh) {
        return derive("auth", mesh);
    }

    /** Encrypts the mesh's messages (AES-128). */
    public SecretKey encryptionKey(String mesh) {
        byte[] k = derive("encrypt", mesh);
        return new SecretKeySpec(java.util.Arrays.copyOf(k, 16), "AES");
    }

    /** Proves membership to a peer's blob stream and keys its encryption. */
    public byte[] blobKey(String mesh) {
        return derive("blob", mesh);
    }

    /** Short, stable, safe to show: lets two people check they hold the same key. */
    public String fingerprint() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(derive("fingerprint", ""));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw key, only to seal it to an approved newcomer (admission). */
    public byte[] raw() {
        return key.clone();
    }

    public static MeshKey ofRaw(byte[] raw) {
        return new MeshKey(raw);
    }

    private byte[] derive(String purpose, String mesh) {
        return hmac(key, "rendermesh/" + purpose + "/" + mesh);
    }

    static byte[] hmac(byte[] key, String label) {
        return hmac(key, label.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) mac.update(p);
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
