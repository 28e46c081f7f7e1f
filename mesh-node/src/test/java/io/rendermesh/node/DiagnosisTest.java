package io.rendermesh.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's findings on this machine's loopback: a taken port, a bad key, a full disk, each with its fix. */
class DiagnosisTest {
    @TempDir
    Path dir;

    @Test
    void aTakenMeshPortFailsWithTheOptionToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeConfig c = NodeConfig.local("d1", dir).withMeshPort(taken.getLocalPort());
            Diagnosis.Check port = Diagnosis.port("mesh port", c, taken.getLocalPort(), "--mesh-port");
            assertFalse(port.ok());
            assertTrue(port.fix().contains("--mesh-port"), port.fix());
        }
        assertTrue(Diagnosis.port("mesh port", NodeConfig.local("d1", dir), 0, "--mesh-port").ok());
    }

    @Test
    void aMissingKeyIsFineAndABrokenOneIsNot() throws Exception {
        assertTrue(Diagnosis.meshKey(NodeConfig.local("d1", dir)).ok(), "the first start makes one");
        Files.writeString(dir.resolve("mesh.key"), "not a key");
        Diagnosis.Check broken = Diagnosis.meshKey(NodeConfig.local("d1", dir));
        assertFalse(broken.ok());
        assertTrue(broken.fix().contains("--join"), broken.fix());
    }

    @Test
    void aNearlyFullDiskFails() {
        assertFalse(Diagnosis.disk(dir, 1L << 20).ok());
        assertTrue(Diagnosis.disk(dir, 50L << 30).ok());
    }

    @Test
    void withMdnsOffMulticastIsNotNeeded() {
        assertTrue(Diagnosis.multicast(NodeConfig.local("d1", dir)).ok());
    }
}
