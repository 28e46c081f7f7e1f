package io.rendermesh.protocol.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameRangeTest {
    @Test
    void parsesASimpleRange() {
        assertEquals(48, FrameRange.parse("1-48").size());
        assertEquals(List.of(1, 2, 3), FrameRange.parse("1-3"));
    }

    @Test
    void parsesARangeWithAStep() {
        assertEquals(List.of(1, 3, 5, 7), FrameRange.parse("1-8x2"));
    }

    @Test
    void parsesAListOfFramesAndRangesInOrderWithoutDuplicates() {
        assertEquals(List.of(1, 5, 9, 10, 11, 12), FrameRange.parse("9-12, 1,5,10"));
    }

    @Test
    void acceptsFrameZeroAndASingleFrame() {
        assertEquals(List.of(0), FrameRange.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a-b", "1-", "-5", "1--3", "1-3x0", "1,,2", "1.5", "3-1", "1-100001", "0-200000x1"})
    void rejectsBadRanges(String spec) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FrameRange.parse(spec));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void explainsAReversedRange() {
        assertTrue(assertThrows(InvalidInputException.class, () -> FrameRange.parse("48-1")).getMessage().contains("reversed"));
    }

    @Test
    void acceptsExactlyTheMaximumNumberOfFrames() {
        assertEquals(FrameRange.MAX_FRAMES, FrameRange.parse("1-" + FrameRange.MAX_FRAMES).size());
    }
}
