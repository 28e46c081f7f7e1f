package io.rendermesh.node.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import org.junit.jupiter.api.Test;

class FrameTransitionsTest {
    private final FrameRecord pending = FrameRecord.pending(7, 32);
    private final FrameRecord leased = FrameTransitions.assign(pending, "a", "s", 100);

    @Test
    void assignLeasesAPendingFrameAndCountsTheAttempt() {
        assertEquals(FrameState.ASSIGNED, leased.state());
        assertEquals("a", leased.node());
        assertEquals(1, leased.attempts());
        assertNull(FrameTransitions.assign(leased, "b", "s", 200), "an assigned frame is not leased twice");
    }

    @Test
    void progressOnlyFromTheLeaseHolderOfTheCurrentAttempt() {
        FrameRecord p = FrameTransitions.progress(leased, "a", 1, 3, 32, 150);
        assertEquals(FrameState.RENDERING, p.state());
        assertEquals(3, p.samplesDone());
        assertEquals(150, p.leasedAtMillis());
        assertNull(FrameTransitions.progress(leased, "b", 1, 3, 32, 150));
        assertNull(FrameTransitions.progress(leased, "a", 2, 3, 32, 150));
        assertNull(FrameTransitions.progress(pending, "a", 1, 3, 32, 150));
    }

    @Test
    void theFirstResultWinsAndLaterOnesAreIgnored() {
        FrameRecord done = FrameTransitions.finish(leased, "a", "s", false);
        assertEquals(FrameState.DONE, done.state());
        assertNull(FrameTransitions.finish(done, "a", "s", false));
        assertNull(FrameTransitions.finish(leased, "b", "s", false), "a frame leased to a is not finished by b");
        assertEquals(FrameState.DONE, FrameTransitions.finish(pending, "b", "s", false).state(), "a released frame may still be finished");
    }

    @Test
    void acceptedFramesKeepTheirSampleCount() {
        FrameRecord rendering = FrameTransitions.progress(leased, "a", 1, 5, 32, 0);
        FrameRecord done = FrameTransitions.finish(rendering, "a", "s", true);
        assertTrue(done.accepted());
        assertEquals(5, done.samplesDone());
    }

    @Test
    void failureRetriesUntilAttemptsRunOut() {
        FrameRecord again = FrameTransitions.fail(leased, "a", 1, "crash", 2);
        assertEquals(FrameState.PENDING, again.state());
        assertEquals("crash", again.error());
        FrameRecord second = FrameTransitions.assign(again, "b", "s", 0);
        FrameRecord failed = FrameTransitions.fail(second, "b", 2, "crash", 2);
        assertEquals(FrameState.FAILED, failed.state());
        assertNull(FrameTransitions.fail(second, "b", 1, "stale attempt", 2));
    }

    @Test
    void releaseGivesTheAttemptBack() {
        FrameRecord released = FrameTransitions.release(leased, "node a left");
        assertEquals(FrameState.PENDING, released.state());
        assertEquals(0, released.attempts());
        assertNull(FrameTransitions.release(pending, "x"));
    }

    @Test
    void cancelReopenAndRetarget() {
        assertEquals(FrameState.CANCELLED, FrameTransitions.cancel(leased).state());
        FrameRecord done = FrameTransitions.finish(leased, "a", "s", false);
        assertNull(FrameTransitions.cancel(done), "a done frame stays done");
        assertEquals(FrameState.PENDING, FrameTransitions.reopen(done, 64).state());
        assertEquals(64, FrameTransitions.reopen(done, 64).samplesTotal());
        assertNull(FrameTransitions.reopen(pending, 64));
        assertEquals(64, FrameTransitions.retarget(pending, 64).samplesTotal());
        assertNull(FrameTransitions.retarget(leased, 64), "a running frame keeps its lease");
    }
}
