package io.rendermesh.node.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A checkpoint comes from another node: it round-trips, and bytes that are not one of this frame are refused. */
class PassCheckpointTest {
    final PassCheckpoint work = new PassCheckpoint(7, 2, 1, new double[] {0.5, 1, 2, 0, 3.25, 64});

    @Test
    void roundTrips() throws Exception {
        PassCheckpoint back = PassCheckpoint.decode(work.encode(), 2, 1);
        assertEquals(7, back.passes());
        assertArrayEquals(work.accum(), back.accum());
    }

    @Test
    void refusesBytesThatAreNotACheckpointOfThisFrame() {
        byte[] good = work.encode();
        assertThrows(IOException.class, () -> PassCheckpoint.decode(good, 4, 1), "another frame size");
        assertThrows(IOException.class, () -> PassCheckpoint.decode(java.util.Arrays.copyOf(good, good.length - 1), 2, 1));
        byte[] magic = good.clone();
        magic[0] = 0;
        assertThrows(IOException.class, () -> PassCheckpoint.decode(magic, 2, 1));
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putDouble(PassCheckpoint.HEADER, Double.NaN);
        assertThrows(IOException.class, () -> PassCheckpoint.decode(nan, 2, 1));
        byte[] noPasses = good.clone();
        ByteBuffer.wrap(noPasses).putInt(4, 0);
        assertThrows(IOException.class, () -> PassCheckpoint.decode(noPasses, 2, 1));
        byte[] huge = ByteBuffer.allocate(16).putInt(0x524d434b).putInt(1).putInt(1 << 20).putInt(1 << 20).array();
        assertThrows(IOException.class, () -> PassCheckpoint.decode(huge, 1 << 20, 1 << 20), "nothing allocated for a lying header");
    }
}
