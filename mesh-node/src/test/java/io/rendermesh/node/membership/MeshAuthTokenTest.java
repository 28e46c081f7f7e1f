package io.rendermesh.node.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.protocols.AUTH;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

class MeshAuthTokenTest {
    private final MeshKey key = MeshKey.generate();
    private final UUID joiner = UUID.randomUUID();
    private Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private final MeshAuthToken coordinator = new MeshAuthToken("coord", key.authKey("m"), new JoinReplayGuard(), clock);

    /** The bytes a joiner at {@code from} puts on the wire, read back as the coordinator sees them. */
    private MeshAuthToken captured(MeshKey joinerKey, UUID from, Clock joinerClock) throws Exception {
        MeshAuthToken mine = new MeshAuthToken("joiner", joinerKey == null ? null : joinerKey.authKey("m"), new JoinReplayGuard(), joinerClock);
        AUTH auth = new AUTH();
        auth.setAddress(from);
        mine.setAuth(auth);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mine.writeTo(new DataOutputStream(bytes));
        return read(bytes.toByteArray());
    }

    private static MeshAuthToken read(byte[] bytes) throws Exception {
        MeshAuthToken t = new MeshAuthToken();
        t.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        return t;
    }

    private static Message from(UUID src) {
        return new BytesMessage().setSrc(src);
    }

    @Test
    void aJoinerWithTheKeyIsAdmitted() throws Exception {
        assertTrue(coordinator.authenticate(captured(key, joiner, clock), from(joiner)));
    }

    @Test
    void theMergeRequestAMergeLeaderLoopsBackToItselfIsAccepted() throws Exception {
        assertTrue(coordinator.authenticate(coordinator, from(UUID.randomUUID())));
        assertFalse(coordinator.authenticate(new MeshAuthToken("coord", key.authKey("m"), new JoinReplayGuard(), clock),
                from(joiner)), "another object with the key but no proof is not this node's own");
    }

    @Test
    void aCapturedJoinPlayedAgainIsRefused() throws Exception {
        MeshAuthToken once = captured(key, joiner, clock);
        assertTrue(coordinator.authenticate(once, from(joiner)));
        assertFalse(coordinator.authenticate(once, from(joiner)));
    }

    @Test
    void aCapturedJoinSentFromAnotherAddressIsRefused() throws Exception {
        assertFalse(coordinator.authenticate(captured(key, joiner, clock), from(UUID.randomUUID())));
    }

    @Test
    void aJoinProofFromOutsideTheTimeWindowIsRefused() throws Exception {
        Clock old = Clock.offset(clock, java.time.Duration.ofMillis(-JoinReplayGuard.WINDOW_MILLIS - 1_000));
        assertFalse(coordinator.authenticate(captured(key, joiner, old), from(joiner)));
    }

    @Test
    void aJoinerWithAnotherKeyOrNoKeyIsRefused() throws Exception {
        assertFalse(coordinator.authenticate(captured(MeshKey.generate(), joiner, clock), from(joiner)));
        assertFalse(coordinator.authenticate(captured(null, joiner, clock), from(joiner)));
    }

    @Test
    void eachJoinAttemptCarriesAFreshProof() throws Exception {
        assertTrue(coordinator.authenticate(captured(key, joiner, clock), from(joiner)));
        assertTrue(coordinator.authenticate(captured(key, joiner, clock), from(joiner)));
    }
}
