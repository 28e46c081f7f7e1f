package io.rendermesh.node.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rendermesh.node.coordination.CoordinatorChoice;
import io.rendermesh.node.routing.SenderRules.KnownJob;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderRulesTest {
    private static final List<String> MEMBERS = List.of("a", "b", "c");
    private static final String SHA = "a".repeat(64);

    private static JobRecord job(String id, String coordinator, long epoch, List<BundleEntry> manifest) throws Exception {
        var profile = JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-2\"}");
        return new JobRecord(id, profile, manifest, "a", coordinator, "default", JobState.RUNNING, 50, 4, 0, epoch, 0,
                List.of(FrameRecord.pending(1, 4), FrameRecord.pending(2, 4)), Set.of(), null);
    }

    @Test
    void theCoordinatorPublishesWhileItIsAMember() {
        assertEquals("a", SenderRules.publisher("j1", new KnownJob("a", 1), MEMBERS));
    }

    @Test
    void theSuccessorPublishesOnceTheCoordinatorLeft() {
        List<String> left = List.of("b", "c");
        assertEquals(CoordinatorChoice.successor("j1", left), SenderRules.publisher("j1", new KnownJob("a", 1), left));
    }

    @Test
    void aSnapshotFromTheCoordinatorIsAccepted() throws Exception {
        assertNull(SenderRules.snapshot("a", job("j1", "a", 1, List.of()), new KnownJob("a", 1), MEMBERS, false));
    }

    @Test
    void aSnapshotNamingAnotherCoordinatorThanItsSenderIsRefused() throws Exception {
        assertNotNull(SenderRules.snapshot("b", job("j1", "a", 2, List.of()), new KnownJob("a", 1), MEMBERS, false));
    }

    @Test
    void aSnapshotFromAMemberThatDoesNotCoordinateIsRefusedWhateverItsEpoch() throws Exception {
        assertNotNull(SenderRules.snapshot("b", job("j1", "b", 2, List.of()), new KnownJob("a", 1), MEMBERS, false));
        assertNotNull(SenderRules.snapshot("b", job("j1", "b", Long.MAX_VALUE, List.of()), new KnownJob("a", 1), MEMBERS, true));
    }

    @Test
    void afterAMergeTheHigherEpochWinsWithinBounds() throws Exception {
        assertNull(SenderRules.snapshot("b", job("j1", "b", 3, List.of()), new KnownJob("a", 1), MEMBERS, true));
        assertNotNull(SenderRules.snapshot("b", job("j1", "b", 1, List.of()), new KnownJob("a", 1), MEMBERS, true));
    }

    @Test
    void aNewJobWithAnAbsurdEpochIsRefused() throws Exception {
        assertNotNull(SenderRules.snapshot("a", job("j1", "a", Long.MAX_VALUE, List.of()), null, MEMBERS, false));
        assertNull(SenderRules.snapshot("a", job("j1", "a", 1, List.of()), null, MEMBERS, false));
    }

    @Test
    void aJobIdOrFilePathThatLeavesItsFolderIsRefused() throws Exception {
        assertNotNull(SenderRules.snapshot("a", job("../../x", "a", 1, List.of()), null, MEMBERS, false));
        assertNotNull(SenderRules.snapshot("a", job("j1", "a", 1, List.of(new BundleEntry("../etc/passwd", SHA, 1))), null, MEMBERS, false));
        assertNotNull(SenderRules.snapshot("a", job("j1", "a", 1, List.of(new BundleEntry("ok.pov", "../x", 1))), null, MEMBERS, false));
        assertNull(SenderRules.snapshot("a", job("j1", "a", 1, List.of(new BundleEntry("tex/ok.png", SHA, 1))), null, MEMBERS, false));
    }

    @Test
    void aDeltaFromAnyoneButThePublisherIsRefused() {
        assertNull(SenderRules.delta("a", "j1", 1, new KnownJob("a", 1), MEMBERS));
        assertNotNull(SenderRules.delta("b", "j1", 1, new KnownJob("a", 1), MEMBERS));
        assertNotNull(SenderRules.delta("a", "j1", 1 + SenderRules.MAX_EPOCH_STEP + 1, new KnownJob("a", 1), MEMBERS));
    }

    @Test
    void onlyTheLeaseHolderReportsAFrame() {
        FrameRecord leased = new FrameRecord(3, FrameState.RENDERING, "b", "default", 1, 1, 4, false, null, 0);
        assertNull(SenderRules.frameReport("b", leased, false));
        assertNotNull(SenderRules.frameReport("c", leased, false));
        assertNotNull(SenderRules.frameReport("c", leased, true));
    }

    @Test
    void aFrameNobodyHoldsMayBeReportedDoneByANodeThatStoredIt() {
        FrameRecord released = FrameRecord.pending(3, 4);
        assertNull(SenderRules.frameReport("c", released, true));
        assertNotNull(SenderRules.frameReport("c", released, false));
    }

    @Test
    void aMessageClaimingAnotherSenderIsRefused() {
        assertNull(SenderRules.claimedName("b", "b"));
        assertNotNull(SenderRules.claimedName("b", "a"));
        assertNotNull(SenderRules.claimedName("b", null));
    }

    @Test
    void aMergeClaimComesOnlyJustAfterAMergeFromItsNamedSenderAtALowerEpochWithDoneFrames() {
        var cancel = new io.rendermesh.protocol.message.MeshMessage.TimedControl("cancel", null, null, 1, "x", 1);
        var done = new FrameRecord(1, FrameState.DONE, "b", "default", 1, 4, 4, false, null, 0);
        var claim = new io.rendermesh.protocol.message.MeshMessage.MergeClaim("j1", 1, List.of(cancel), List.of(done), "b");
        KnownJob known = new KnownJob("c", 2);
        assertNull(SenderRules.mergeClaim("b", claim, known, true));
        assertNotNull(SenderRules.mergeClaim("a", claim, known, true), "sent by another node than it names");
        assertNotNull(SenderRules.mergeClaim("b", claim, known, false), "no merge lately");
        assertNotNull(SenderRules.mergeClaim("b", claim, new KnownJob("c", 0), true), "it did not lose");
        assertNotNull(SenderRules.mergeClaim("b", new io.rendermesh.protocol.message.MeshMessage.MergeClaim("j1", 1, List.of(),
                List.of(new FrameRecord(1, FrameState.DONE, "../x y", "default", 1, 4, 4, false, null, 0)), "b"), known, true),
                "a done frame naming no node");
        assertNotNull(SenderRules.mergeClaim("b", new io.rendermesh.protocol.message.MeshMessage.MergeClaim("j1", 1, List.of(),
                List.of(FrameRecord.pending(1, 4)), "b"), known, true), "a frame that is not done");
    }
}
