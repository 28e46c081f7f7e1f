package io.rendermesh.node.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JobEtaTest {
    @Test
    void framesLeftOverTheRateSeenSoFar() {
        // three slots, frames of 2 s: six frames done 4 s after the first started, 54 left
        long[] done = {2_000, 2_000, 2_000, 4_000, 4_000, 4_000};
        assertEquals(36L, JobEta.seconds(done, 1, 54, 0, 4_001));
        assertEquals(35L, JobEta.seconds(done, 1, 54, 1.5, 4_001), "frames half way count half done");
    }

    @Test
    void nothingToSayBeforeAFrameIsDoneOrTheJobStartedAndNothingLeftIsZero() {
        assertNull(JobEta.seconds(new long[0], 1_000, 10, 0, 5_000));
        assertNull(JobEta.seconds(new long[] {1_000}, JobEta.UNSET, 10, 0, 5_000));
        assertNull(JobEta.seconds(new long[] {1_100}, 1_000, 10, 0, 1_200), "one frame in a tenth of a second says too little");
        assertEquals(0L, JobEta.seconds(new long[0], JobEta.UNSET, 0, 0, 5_000));
    }

    @Test
    void onlyTheRecentPastCountsSoTheEstimateFollowsAMeshThatChanged() {
        // 100 frames in the first minute, then one node left: 20 in the last two minutes
        long[] done = new long[120];
        for (int i = 0; i < 100; i++) done[i] = 600L * i;
        for (int i = 0; i < 20; i++) done[100 + i] = 60_000 + 6_000L * i;
        assertEquals(60L, JobEta.seconds(done, 1, 10, 0, 180_000));
    }

    @Test
    void aPauseRestartsTheClock() {
        JobEta eta = new JobEta();
        eta.started(0);
        eta.done(1_000);
        eta.paused();
        assertNull(eta.seconds(5, 0, 60_000));
        eta.started(60_000);
        eta.done(61_000);
        assertEquals(5L, eta.seconds(5, 0, 61_000));
    }
}
