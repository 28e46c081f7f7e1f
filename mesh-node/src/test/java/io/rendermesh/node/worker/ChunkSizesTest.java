package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChunkSizesTest {
    @Test
    void aShortFrameComesInAChunkThatMakesTheRoundTripUnderFivePercent() {
        assertEquals(1, ChunkSizes.frames(1_500, 5), "a frame of a second or more comes alone");
        assertEquals(5, ChunkSizes.frames(20, 5), "5 ms round trip, 20 ms frames: 5 frames (100 ms of work)");
        assertEquals(1, ChunkSizes.frames(400, 1), "the round trip is under 5 % of one frame already");
        assertEquals(ChunkSizes.MAX, ChunkSizes.frames(1, 50));
    }

    @Test
    void itAsksForOneFrameUntilItHasMeasuredTheJob() {
        ChunkSizes chunks = new ChunkSizes();
        assertEquals(1, chunks.want("j"));
        chunks.answered(4);
        chunks.rendered("j", 20);
        assertEquals(4, chunks.want("j"));
        assertEquals(1, chunks.want("other"), "another job is not measured yet");
    }

    @Test
    void theNextChunkIsAskedForWhileTheLastFramesOfThisOneStillRender() {
        ChunkSizes chunks = new ChunkSizes();
        assertEquals(true, chunks.askAhead("j", 0), "unmeasured: when nothing waits any more");
        assertEquals(false, chunks.askAhead("j", 1));
        chunks.answered(15);
        chunks.rendered("j", 20);
        assertEquals(true, chunks.askAhead("j", 2), "40 ms still to render, under a frame and two 15 ms round trips");
        assertEquals(false, chunks.askAhead("j", 3), "60 ms: not yet");
        chunks.rendered("long", 5_000);
        assertEquals(false, chunks.askAhead("long", 1), "a long frame asks when its slot is about to be free");
    }
}
