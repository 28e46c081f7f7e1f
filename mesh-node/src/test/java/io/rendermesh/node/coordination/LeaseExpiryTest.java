package io.rendermesh.node.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import org.junit.jupiter.api.Test;

class LeaseExpiryTest {
    private static final long LIMIT = 10_000;

    @Test
    void aNodesLeaseEndsAnAttemptOnlyAfterItWasSilentForTheLimit() {
        FrameRecord leased = FrameTransitions.assign(FrameRecord.pending(3, 8), "w", "default", 1_000);
        assertNull(LeaseExpiry.expired(leased, 1_000 + LIMIT, LIMIT, site -> true, 2));
        FrameRecord failed = LeaseExpiry.expired(leased, 1_001 + LIMIT, LIMIT, site -> true, 2);
        assertEquals(FrameState.PENDING, failed.state());
        assertEquals("no progress from w for 10 s", failed.error());
        assertEquals(FrameState.FAILED, LeaseExpiry.expired(leased, 1_001 + LIMIT, LIMIT, site -> true, 1).state(), "its last attempt");
        assertNull(LeaseExpiry.expired(FrameRecord.pending(4, 8), 99_999, LIMIT, site -> true, 2), "nothing leased, nothing ends");
    }

    @Test
    void anotherSitesLeaseComesBackWhenTheSiteIsGoneAndFailsWhenItIsSilent() {
        FrameRecord remote = FrameTransitions.assign(FrameRecord.pending(5, 8), "@b", "b", 1_000);
        assertNull(LeaseExpiry.expired(remote, 2_000, LIMIT, site -> true, 2));
        FrameRecord back = LeaseExpiry.expired(remote, 2_000, LIMIT, site -> !site.equals("b"), 2);
        assertEquals(FrameState.PENDING, back.state());
        assertEquals(0, back.attempts(), "a site that went away does not cost the frame an attempt");
        FrameRecord silent = LeaseExpiry.expired(remote, 1_001 + LIMIT, LIMIT, site -> true, 2);
        assertEquals("no word from site b for 10 s", silent.error());
        assertEquals(1, silent.attempts());
    }
}
