package io.rendermesh.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.rendermesh.protocol.message.MeshMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static final String GOLDEN = "/wire-golden/messages.properties";

    @Test
    void everyMessageTypeRoundTrips() {
        for (Map.Entry<String, MeshMessage> e : SampleMessages.all().entrySet()) {
            MeshMessage back = WireFormat.decode(WireFormat.encode(e.getValue()));
            assertEquals(e.getValue().getClass(), back.getClass(), e.getKey());
            // records with byte arrays compare by identity: compare their encodings instead
            assertArrayEquals(WireFormat.encode(e.getValue()), WireFormat.encode(back), e.getKey());
        }
        assertEquals(SampleMessages.job(), ((MeshMessage.JobSnapshot) WireFormat.decode(
                WireFormat.encode(new MeshMessage.JobSnapshot(SampleMessages.job())))).job());
    }

    @Test
    void everyMessageTypeIsCoveredBySampleMessages() {
        java.util.Set<Class<?>> sampled = new java.util.HashSet<>();
        SampleMessages.all().values().forEach(m -> sampled.add(m.getClass()));
        assertEquals(java.util.Set.of(MeshMessage.class.getPermittedSubclasses()), sampled);
    }

    /**
     * Pins the bytes of every message: a change of wire format must be deliberate (bump
     * ProtocolVersion, then regenerate with -Dwire.golden.update=true).
     */
    @Test
    void encodedBytesMatchTheGoldenFile() throws IOException {
        Properties golden = new Properties();
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            if (in == null) fail("missing " + GOLDEN + "; run once with -Dwire.golden.update=true");
            golden.load(in);
        }
        if (Boolean.getBoolean("wire.golden.update")) {
            Properties fresh = new Properties();
            SampleMessages.all().forEach((k, v) -> fresh.setProperty(k, HexFormat.of().formatHex(WireFormat.encode(v))));
            try (var out = Files.newBufferedWriter(Path.of("src/test/resources" + GOLDEN), StandardCharsets.ISO_8859_1)) {
                fresh.store(out, "golden wire bytes, protocol version " + ProtocolVersion.CURRENT);
            }
            return;
        }
        for (Map.Entry<String, MeshMessage> e : SampleMessages.all().entrySet()) {
            assertEquals(golden.getProperty(e.getKey()), HexFormat.of().formatHex(WireFormat.encode(e.getValue())),
                    "wire bytes of " + e.getKey() + " changed");
        }
    }

    @Test
    void refusesAnotherProtocolVersion() {
        byte[] bytes = WireFormat.encode(new MeshMessage.SnapshotRequest("j", "n"));
        bytes[0] = (byte) (ProtocolVersion.CURRENT + 1);
        IncompatibleProtocolException e = assertThrows(IncompatibleProtocolException.class, () -> WireFormat.decode(bytes));
        assertEquals(ProtocolVersion.CURRENT + 1, e.version());
    }

    @Test
    void aJournalOfTheOlderVersionIsStillReadButNotItsMessages() {
        // what protocol 3 wrote is read back: aJobRecordThatProtocol3WroteIsReadByThisBuild
        byte[] stored = WireFormat.encodeObject(SampleMessages.job());
        assertEquals(SampleMessages.job(), WireFormat.decodeStored(stored));
        stored[0] = (byte) ProtocolVersion.MIN_STORED;
        assertThrows(IncompatibleProtocolException.class, () -> WireFormat.decodeObject(stored));
        stored[0] = (byte) (ProtocolVersion.MIN_STORED - 1);
        assertThrows(IncompatibleProtocolException.class, () -> WireFormat.decodeStored(stored));
    }

    @Test
    void aJobRecordThatProtocol3WroteIsReadByThisBuild() throws Exception {
        java.util.Properties old = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/wire-golden/stored-v3.properties")) {
            old.load(in);
        }
        byte[] bytes = HexFormat.of().parseHex(old.getProperty("JobSnapshot"));
        assertEquals(3, bytes[0]);
        assertEquals(new MeshMessage.JobSnapshot(SampleMessages.job()), WireFormat.decodeStored(bytes));
    }

    @Test
    void garbageIsAWireFormatErrorAndNothingElse() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[1 + random.nextInt(64)];
            random.nextBytes(junk);
            junk[0] = (byte) ProtocolVersion.CURRENT;
            try {
                WireFormat.decode(junk);
            } catch (WireFormat.WireFormatException expected) {
                // fine
            }
        }
        assertThrows(WireFormat.WireFormatException.class, () -> WireFormat.decode(new byte[0]));
    }
}
