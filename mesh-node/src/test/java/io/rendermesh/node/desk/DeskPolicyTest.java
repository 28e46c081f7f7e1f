package io.rendermesh.node.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rendermesh.node.desk.DeskPolicy.Availability;
import io.rendermesh.node.desk.DeskPolicy.RenderWhen;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeskPolicyTest {
    static final long FIVE_MIN = 5 * 60_000L;

    @Test
    void pausedWinsOverEverything() {
        assertEquals(Availability.PAUSED, DeskPolicy.decide(true, RenderWhen.ALWAYS, FIVE_MIN, OptionalLong.empty()));
        assertEquals(Availability.PAUSED, DeskPolicy.decide(true, RenderWhen.IDLE, FIVE_MIN, OptionalLong.of(FIVE_MIN * 10)));
    }

    @Test
    void anIdleDeskRendersOnlyAfterItsPersonHasBeenAwayLongEnough() {
        assertEquals(Availability.IN_USE, DeskPolicy.decide(false, RenderWhen.IDLE, FIVE_MIN, OptionalLong.of(FIVE_MIN - 1)));
        assertEquals(Availability.AVAILABLE, DeskPolicy.decide(false, RenderWhen.IDLE, FIVE_MIN, OptionalLong.of(FIVE_MIN)));
        assertEquals(Availability.AVAILABLE, DeskPolicy.decide(false, RenderWhen.ALWAYS, FIVE_MIN, OptionalLong.of(0)));
    }

    @Test
    void aMachineWithoutADesktopIsAlwaysAway() {
        assertEquals(Availability.AVAILABLE, DeskPolicy.decide(false, RenderWhen.IDLE, FIVE_MIN, OptionalLong.empty()));
    }

    @Test
    void renderWhenIsAlwaysOrIdle() {
        assertEquals(RenderWhen.IDLE, RenderWhen.parse(" Idle "));
        assertThrows(IllegalArgumentException.class, () -> RenderWhen.parse("sometimes"));
    }
}
