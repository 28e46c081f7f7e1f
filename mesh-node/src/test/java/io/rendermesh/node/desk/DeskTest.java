package io.rendermesh.node.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.model.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The desk with a fake idle source: it gives frames back once per change and says so in the node's state. */
class DeskTest {
    final AtomicLong idle = new AtomicLong(3_600_000);
    final List<String> givenBack = new ArrayList<>();
    final AtomicInteger changes = new AtomicInteger();
    final Desk desk = new Desk("ws1", () -> OptionalLong.of(idle.get()), DeskPolicy.RenderWhen.IDLE, 5, givenBack::add,
            changes::incrementAndGet);

    @Test
    void comingBackGivesFramesBackOnceAndShowsInUse() {
        desk.check();
        assertEquals(NodeState.BUSY, desk.state(1));
        idle.set(1_000);
        desk.check();
        desk.check();
        assertEquals(List.of("node ws1 is in use"), givenBack);
        assertEquals(NodeState.IN_USE, desk.state(0));
        assertEquals(1, changes.get());
        idle.set(3_600_000);
        desk.check();
        assertTrue(desk.available());
        assertEquals(NodeState.IDLE, desk.state(0));
    }

    @Test
    void pauseAndRenderWhenAreAPersonsInput() {
        assertNull(desk.control("pause", null));
        assertEquals(NodeState.PAUSED, desk.state(0));
        assertEquals(List.of("node ws1 is paused"), givenBack);
        assertNull(desk.control("resume", null));
        idle.set(0);
        assertNull(desk.control("render-when", "always"));
        assertTrue(desk.available(), "always: in use or not");
        assertEquals("render-when must be always or idle, not 'never'", desk.control("render-when", "never"));
    }

    @Test
    void reservingCoresTakesWholeSlotsAndLeavesOne() {
        assertEquals(4, desk.usableSlots(4, 8));
        assertNull(desk.control("reserve-cores", "1"));
        assertEquals(3, desk.usableSlots(4, 8), "1 core of a 2-core slot takes the slot");
        assertNull(desk.control("reserve-cores", "half"));
        assertEquals(2, desk.usableSlots(4, 8));
        assertEquals(1, desk.usableSlots(1, 8), "one slot is always left");
        assertEquals("reserve-cores takes 0, 1 or half, not 'all'", desk.control("reserve-cores", "all"));
    }
}
