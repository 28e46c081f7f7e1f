package io.rendermesh.node.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rendermesh.node.admission.Admissions.ApprovalOutcome;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.JoinRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Join requests across members: what is listed, and which request an approval reaches. */
class AdmissionsTest {
    private static final String REAL = "aaaa-bbbb-cccc-dddd";
    private static final String POSER = "1111-2222-3333-4444";
    private final io.rendermesh.node.testkit.RecordingTransport transport =
            new io.rendermesh.node.testkit.RecordingTransport("a", List.of("a", "b", "c"));
    private final Admissions admissions = new Admissions("a", transport, Runnable::run, null);

    private static MeshMessage.JoinPending pending(String name, String fingerprint, String holder) {
        return new MeshMessage.JoinPending(new JoinRequest(name, "10.0.0.5", fingerprint, 1L, holder));
    }

    @Test
    void aSecondMachineAskingUnderAWaitingNameIsListedBesideItNotInItsPlace() {
        assertNull(admissions.pending("b", pending("ws5", REAL, "b")));
        assertNull(admissions.pending("c", pending("ws5", POSER, "c")));
        assertEquals(2, admissions.waiting().size());
        assertEquals(ApprovalOutcome.AMBIGUOUS, admissions.approve("ws5", null));
        assertEquals(ApprovalOutcome.APPROVED, admissions.approve("ws5", REAL));
        assertEquals(new MeshMessage.JoinApproved("ws5", REAL, "a"), transport.sent.get(transport.sent.size() - 1).message());
    }

    @Test
    void anApprovalNamingAnotherFingerprintApprovesNothing() {
        admissions.pending("b", pending("ws5", POSER, "b"));
        assertEquals(ApprovalOutcome.WRONG_FINGERPRINT, admissions.approve("ws5", REAL));
        assertEquals(ApprovalOutcome.NOT_WAITING, admissions.approve("ws6", null));
        assertEquals(List.of(), transport.sent);
    }

    @Test
    void aMemberCannotAnnounceOrCloseARequestAnotherMemberHolds() {
        assertNotNull(admissions.pending("c", pending("ws5", REAL, "b")));
        admissions.pending("b", pending("ws5", REAL, "b"));
        assertNotNull(admissions.closed("c", new MeshMessage.JoinClosed("ws5", REAL, "b")));
        assertEquals(1, admissions.waiting().size());
        assertNull(admissions.closed("b", new MeshMessage.JoinClosed("ws5", REAL, "b")));
        assertEquals(0, admissions.waiting().size());
    }

    @Test
    void aRequestGoesWhenItsHolderLeavesTheMesh() {
        admissions.pending("b", pending("ws5", REAL, "b"));
        admissions.viewChanged(List.of("a", "c"));
        assertEquals(0, admissions.waiting().size());
    }
}
