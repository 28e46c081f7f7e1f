package io.rendermesh.node.admission;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hands a secret to one newcomer over a channel anyone may read: the newcomer's EC (P-256) public
 * key, shown to people as a fingerprint, seals the secret (ECDH with a one-off key, HKDF, AES-GCM),
 * so only the holder of the matching private key can open it.
 */
public final class KeySeal {
    static final int MAX_PUBLIC_KEY_BYTES = 512;
    static final int MAX_SEALED_BYTES = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private KeySeal() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    public static PublicKey publicKey(byte[] encoded) throws GeneralSecurityException {
        if (encoded.length > MAX_PUBLIC_KEY_BYTES) throw new GeneralSecurityException("public key too long");
        PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        if (!"EC".equals(k.getAlgorithm())) throw new GeneralSecurityException("not an EC key");
        return k;
    }

    /** What people compare on both screens before approving: 16 hex digits of the key's SHA-256. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            String hex = HexFormat.of().formatHex(h, 0, 8);
            return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param context bound into the seal (the newcomer's name): a seal for one request opens for no other */
    public static byte[] seal(byte[] secret, PublicKey recipient, String context) throws GeneralSecurityException {
        KeyPair oneOff = newKeyPair();
        byte[] key = sharedKey(oneOff, recipient, context);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        byte[] body = c.doFinal(secret);
        byte[] pub = oneOff.getPublic().getEncoded();
        return ByteBuffer.allocate(2 + pub.length + IV_BYTES + body.length).putShort((short) pub.length).put(pub).put(iv)
                .put(body).array();
    }

    public static byte[] open(byte[] sealed, KeyPair mine, String context) throws GeneralSecurityException {
        if (sealed.length > MAX_SEALED_BYTES) throw new GeneralSecurityException("sealed key too long");
        try {
            ByteBuffer b = ByteBuffer.wrap(sealed);
            int pubLen = b.getShort();
            if (pubLen <= 0 || pubLen > MAX_PUBLIC_KEY_BYTES) throw new GeneralSecurityException("bad sealed key");
            byte[] pub = new byte[pubLen];
            b.get(pub);
            byte[] iv = new byte[IV_BYTES];
            b.get(iv);
            byte[] body = new byte[b.remaining()];
            b.get(body);
            byte[] key = sharedKey(new KeyPair(null, mine.getPrivate()), publicKey(pub), context);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(body);
        } catch (java.nio.BufferUnderflowException e) {
            throw new GeneralSecurityException("truncated sealed key");
        }
    }

    /** ECDH, then HKDF-SHA256 (extract and one expand block) to an AES-256 key. */
    private static byte[] sharedKey(KeyPair mine, PublicKey theirs, String context) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(mine.getPrivate());
        ka.doPhase(theirs, true);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("rendermesh-admission".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] prk = mac.doFinal(ka.generateSecret());
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(context.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 1);
        return mac.doFinal();
    }
}
