package io.rendermesh.node.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshKeyTest {
    @TempDir
    Path dir;

    @Test
    void aJoinCodeGivesBackTheSameKey() {
        MeshKey k = MeshKey.generate();
        MeshKey back = MeshKey.fromJoinCode(k.joinCode());
        assertArrayEquals(k.authKey("m"), back.authKey("m"));
        assertEquals(k.fingerprint(), back.fingerprint());
    }

    @Test
    void aWrittenKeyIsReadableByItsOwnerOnlyAndReadsBack() throws Exception {
        MeshKey k = MeshKey.generate();
        Path f = dir.resolve("mesh.key");
        k.write(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertArrayEquals(k.blobKey("m"), MeshKey.read(f).blobKey("m"));
    }

    @Test
    void eachUseOfTheKeyGetsItsOwnDerivedKey() {
        MeshKey k = MeshKey.generate();
        assertFalse(java.util.Arrays.equals(k.authKey("m"), k.blobKey("m")));
        assertFalse(java.util.Arrays.equals(k.authKey("m"), k.authKey("other-mesh")));
    }

    @Test
    void aDamagedJoinCodeIsRefusedWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> MeshKey.fromJoinCode("rmk1-abc"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MeshKey.fromJoinCode("hello"));
    }

    @Test
    void anOlderRawKeyFileStillReads() throws Exception {
        Path f = Files.write(dir.resolve("raw"), "0123456789abcdef0123456789abcdef".getBytes());
        assertEquals(MeshKey.read(f).fingerprint(), MeshKey.read(f).fingerprint());
    }
}
