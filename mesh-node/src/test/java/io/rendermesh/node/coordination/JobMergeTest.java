package io.rendermesh.node.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.protocol.message.MeshMessage.TimedControl;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobMergeTest {
    private static TimedControl at(long t, String action, Integer frame, Integer value) {
        return new TimedControl(action, frame, value, t, "n", t);
    }

    private static FrameRecord done(int n, String node) {
        return new FrameRecord(n, FrameState.DONE, node, "default", 1, 4, 4, false, null, 0);
    }

    @Test
    void theLaterInputOnEachFieldWinsWhicheverSideHeardIt() {
        List<TimedControl> winners = List.of(at(100, "priority", null, 80), at(300, "pause", null, null));
        List<TimedControl> losers = List.of(at(200, "priority", null, 10), at(400, "resume", null, null),
                at(50, "set-samples", null, 32));
        assertEquals(List.of(at(50, "set-samples", null, 32), at(200, "priority", null, 10), at(400, "resume", null, null)),
                JobMerge.controlsToApply(winners, losers));
        assertEquals(List.of(), JobMerge.controlsToApply(List.of(at(500, "resume", null, null)), List.of(at(400, "pause", null, null))));
    }

    @Test
    void aCancelHoldsEvenWhenTheOtherSideWasToldSomethingLaterAndMomentaryInputIsNotReplayed() {
        assertEquals(List.of(at(100, "cancel", null, null)), JobMerge.controlsToApply(List.of(at(200, "resume", null, null)),
                List.of(at(100, "cancel", null, null), at(150, "accept-frame", 3, null))));
    }

    @Test
    void aFrameIsRenderedAgainWhenEitherSideAskedLast() {
        assertEquals(List.of(at(200, "rerender-frame", 3, null)), JobMerge.controlsToApply(
                List.of(at(100, "rerender-frame", 3, null), at(300, "rerender-frame", 4, null)),
                List.of(at(200, "rerender-frame", 3, null), at(250, "rerender-frame", 4, null))));
    }

    @Test
    void doneFramesOfTheLosingSideAreAdoptedUnlessDoneHereOrToBeRenderedAgain() {
        Map<Integer, FrameRecord> mine = Map.of(1, FrameRecord.pending(1, 4), 2, done(2, "a"), 3, FrameRecord.pending(3, 4));
        List<FrameRecord> adopted = JobMerge.framesToAdopt(mine::get, List.of(done(1, "c"), done(2, "c"), done(3, "c"), done(9, "c")),
                List.of(at(10, "rerender-frame", 3, null)));
        assertEquals(List.of(done(1, "c")), adopted);
    }
}
