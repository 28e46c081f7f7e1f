package io.rendermesh.node.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StragglersTest {
    @Test
    void aSlowNodeLeavesTheLastFramesToFasterNodesThatCanTakeThemAll() {
        assertTrue(Stragglers.leaveToFaster(600, 200, 2, 2), "3x slower, 2 frames left, 2 faster slots");
        assertFalse(Stragglers.leaveToFaster(600, 200, 5, 2), "more frames than the faster nodes take at once");
        assertFalse(Stragglers.leaveToFaster(300, 200, 1, 2), "not much slower");
        assertFalse(Stragglers.leaveToFaster(-1, 200, 1, 2), "not measured yet");
    }

    @Test
    void anIdleNodeCopiesTheFrameThatWouldEndLastWhenItWouldEndSooner() {
        List<Stragglers.Running> running = List.of(
                new Stragglers.Running(7, "slow", 1_000, 3, 4),   // 150 ms a pass: 150 ms left
                new Stragglers.Running(8, "fast", 1_400, 1, 4),   // 50 ms a pass: not slow
                new Stragglers.Running(9, "slow", 1_300, 1, 4));  // 150 ms a pass: 450 ms left
        assertEquals(9, Stragglers.frameToCopy(running, "idle", 200, 1_450), "450 ms left there, 200 ms here");
        assertEquals(-1, Stragglers.frameToCopy(List.of(running.get(0)), "idle", 200, 1_450), "150 ms left: not worth a copy");
        assertEquals(-1, Stragglers.frameToCopy(List.of(running.get(0), running.get(2)), "slow", 200, 1_450),
                "never a copy of a frame on the asking node itself");
        assertEquals(-1, Stragglers.frameToCopy(List.of(new Stragglers.Running(5, "busy", 1_000, 0, 4)), "idle", 200, 9_000),
                "no pass done: nothing to project from");
    }
}
