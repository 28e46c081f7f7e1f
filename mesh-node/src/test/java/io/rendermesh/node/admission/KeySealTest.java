package io.rendermesh.node.admission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class KeySealTest {
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
    private final KeyPair newcomer = KeySeal.newKeyPair();

    @Test
    void onlyTheNewcomersKeyOpensTheSeal() throws Exception {
        byte[] sealed = KeySeal.seal(secret, newcomer.getPublic(), "ctx");
        assertArrayEquals(secret, KeySeal.open(sealed, newcomer, "ctx"));
        assertThrows(GeneralSecurityException.class, () -> KeySeal.open(sealed, KeySeal.newKeyPair(), "ctx"));
    }

    @Test
    void aSealForOneRequestDoesNotOpenForAnother() throws Exception {
        byte[] sealed = KeySeal.seal(secret, newcomer.getPublic(), "ws5");
        assertThrows(GeneralSecurityException.class, () -> KeySeal.open(sealed, newcomer, "ws6"));
    }

    @Test
    void aTamperedOrTruncatedSealIsRefused() throws Exception {
        byte[] sealed = KeySeal.seal(secret, newcomer.getPublic(), "ctx");
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> KeySeal.open(flipped, newcomer, "ctx"));
        assertThrows(GeneralSecurityException.class, () -> KeySeal.open(java.util.Arrays.copyOf(sealed, 20), newcomer, "ctx"));
        assertThrows(GeneralSecurityException.class, () -> KeySeal.open(new byte[] {0x7f, 0x7f}, newcomer, "ctx"));
    }

    @Test
    void fingerprintsTellKeysApart() {
        assertNotEquals(KeySeal.fingerprint(newcomer.getPublic()), KeySeal.fingerprint(KeySeal.newKeyPair().getPublic()));
    }
}
