package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GiveBackTest {
    @Test
    void aResumableFrameCarriesOnElsewhereWhereverItStands() {
        assertEquals(GiveBack.Way.CARRY_ON_ELSEWHERE, GiveBack.way(true, 95, 100));
        assertEquals(GiveBack.Way.CARRY_ON_ELSEWHERE, GiveBack.way(true, 0, 0));
    }

    @Test
    void anExternalFrameStartsAgainUnlessItIsPastNinetyPercent() {
        assertEquals(GiveBack.Way.START_AGAIN_ELSEWHERE, GiveBack.way(false, 89, 100));
        assertEquals(GiveBack.Way.FINISH_HERE_NICELY, GiveBack.way(false, 90, 100));
        assertEquals(GiveBack.Way.START_AGAIN_ELSEWHERE, GiveBack.way(false, 0, 0), "no progress known: start again");
    }
}
