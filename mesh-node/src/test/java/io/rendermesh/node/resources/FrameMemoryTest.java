package io.rendermesh.node.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameMemoryTest {
    private static final long GB = 1L << 30;

    @Test
    void halfOfTheHeapIsSharedAmongTheSlots() {
        assertEquals(GB / 2 / 2 / FrameMemory.BYTES_PER_PIXEL, FrameMemory.maxFramePixels(GB, 16 * GB, 2));
    }

    @Test
    void anUnboundedHeapIsLimitedByTheHostsMemory() {
        assertEquals(4 * GB / 2 / FrameMemory.BYTES_PER_PIXEL, FrameMemory.maxFramePixels(Long.MAX_VALUE, 4 * GB, 1));
    }

    @Test
    void aGigabyteHeapCannotHoldA16384SquareFrame() {
        assertTrue(FrameMemory.maxFramePixels(GB, 16 * GB, 1) < 16_384L * 16_384);
    }
}
