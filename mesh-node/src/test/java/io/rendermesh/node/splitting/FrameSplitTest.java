package io.rendermesh.node.splitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.splitting.FrameSplit.Part;
import io.rendermesh.node.splitting.FrameSplit.PartState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameSplitTest {
    private final FrameSplit split = new FrameSplit("j", 1, 2, SplitPlan.Way.SAMPLES, SplitPlan.parts(SplitPlan.Way.SAMPLES, 3, 30, 90));

    private int lease(String node) {
        return split.lease(split.nextPending(), node, "default", 0);
    }

    private static FrameSplit.Result result(String node, int passes) {
        return new FrameSplit.Result(node, "ab".repeat(32), 100, passes, false);
    }

    @Test
    void eachLeaseHasItsOwnNumberAndOnlyItsNodeReportsOnIt() {
        int a = lease("a");
        int b = lease("b");
        assertEquals(2001, a);
        assertEquals(2002, b);
        assertTrue(io.rendermesh.node.jobs.LeaseNumbers.isPart(a));
        assertFalse(split.progress(a, "b", 5, 1), "b does not hold a's lease");
        assertTrue(split.progress(a, "a", 5, 1));
        assertFalse(split.done(a, "a", result("a", 10)) && split.done(a, "a", result("a", 10)), "a result counts once");
        assertEquals(PartState.DONE, split.parts().get(0).state());
    }

    @Test
    void theFrameIsCompleteOnceEveryPartIsIn() {
        int a = lease("a");
        int b = lease("b");
        int c = lease("c");
        split.done(a, "a", result("a", 10));
        split.done(b, "b", result("b", 10));
        assertFalse(split.complete());
        assertEquals(20, split.passesDone());
        split.done(c, "c", result("c", 10));
        assertTrue(split.complete());
        assertTrue(split.startMerge());
        assertFalse(split.startMerge(), "put together once");
    }

    @Test
    void aFailedOrDepartedPartIsLeasedAgainUnderANewNumber() {
        int a = lease("a");
        lease("b");
        Part failed = split.fail(a, "a");
        assertEquals(1, failed.failures());
        assertNull(split.fail(a, "a"), "a stale report changes nothing");
        assertEquals(failed, split.nextPending());
        assertEquals(2003, lease("c"));
        List<Part> released = split.release(Set.of("a", "c")::contains);
        assertEquals(1, released.size(), "b left");
        assertEquals(0, released.get(0).failures(), "leaving is not a failure");
        assertEquals(1, split.expire(100_000, 50_000).size(), "c fell silent");
    }

    @Test
    void acceptDropsWhatHasNotStartedAndWaitsForWhatRenders() {
        int a = lease("a");
        lease("b");
        split.progress(a, "a", 4, 1);
        List<Part> running = split.accept();
        assertEquals(2, running.size());
        assertNull(split.nextPending(), "nothing more is leased");
        split.done(a, "a", result("a", 4));
        assertFalse(split.complete(), "b still renders");
        split.done(running.get(1).lease(), "b", result("b", 3));
        assertTrue(split.complete());
    }

    @Test
    void aLowerTargetDropsLaterPartsAndAHigherOneAddsParts() {
        int a = lease("a");
        int b = lease("b");
        int c = lease("c");
        List<Part> cancelled = split.retarget(15);
        assertEquals(List.of(c), cancelled.stream().map(Part::lease).toList(), "the part of passes 20-30 is dropped");
        split.done(a, "a", result("a", 10));
        split.done(b, "b", result("b", 5));
        assertTrue(split.complete());
        FrameSplit more = new FrameSplit("j", 1, 1, SplitPlan.Way.SAMPLES, SplitPlan.parts(SplitPlan.Way.SAMPLES, 2, 16, 90));
        more.retarget(32);
        assertEquals(List.of(0, 8, 16, 24), more.parts().stream().map(p -> p.spec().fromPass()).toList());
        assertEquals(32, more.parts().get(3).spec().toPass());
    }

    @Test
    void aPartWhoseResultIsLostRendersAgainAndTheFrameWaitsForIt() {
        int a = lease("a");
        int b = lease("b");
        int c = lease("c");
        split.done(a, "a", result("a", 10));
        split.done(b, "b", result("b", 10));
        split.done(c, "c", result("c", 10));
        assertTrue(split.startMerge());
        Part lost = split.parts().get(1);
        split.redo(lost);
        assertFalse(split.complete());
        assertEquals(lost, split.nextPending());
        assertEquals(2004, lease("a"));
        split.done(2004, "a", result("a", 10));
        assertTrue(split.complete());
        assertTrue(split.startMerge(), "put together again");
    }
}
