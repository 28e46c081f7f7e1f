package io.rendermesh.node.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class MeshEncryptTest {
    private final MeshKey key = MeshKey.generate();

    private MeshEncrypt encrypt(MeshKey k) {
        MeshEncrypt e = new MeshEncrypt();
        e.setSecretKey(k.encryptionKey("m"));
        return e;
    }

    @Test
    void aMessageRoundTripsAndIsNotInClear() throws Exception {
        byte[] plain = "job shot010 frame 7 textures/wood.png".getBytes();
        MeshEncrypt e = encrypt(key);
        byte[] iv = e.makeIv();
        byte[] sealed = e.code(plain, 0, plain.length, iv, false);
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains("shot010"));
        assertArrayEquals(plain, encrypt(key).code(sealed, 0, sealed.length, iv, true));
    }

    @Test
    void aFlippedBitOrAnotherKeyIsRefused() throws Exception {
        byte[] plain = "cancel".getBytes();
        MeshEncrypt e = encrypt(key);
        byte[] iv = e.makeIv();
        byte[] sealed = e.code(plain, 0, plain.length, iv, false);
        byte[] flipped = sealed.clone();
        flipped[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> encrypt(key).code(flipped, 0, flipped.length, iv, true));
        assertThrows(AEADBadTagException.class, () -> encrypt(MeshKey.generate()).code(sealed, 0, sealed.length, iv, true));
    }

    @Test
    void eachMessageGetsAFreshIv() {
        MeshEncrypt e = encrypt(key);
        assertFalse(Arrays.equals(e.makeIv(), e.makeIv()));
    }
}
