package io.rendermesh.node.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorChoiceTest {
    private static final List<String> MEMBERS = List.of("a", "b", "c", "d", "e");

    @Test
    void everyMemberComputesTheSameSuccessorWhateverTheOrderOfTheView() {
        for (int i = 0; i < 200; i++) {
            String job = "j" + i;
            assertEquals(CoordinatorChoice.successor(job, MEMBERS), CoordinatorChoice.successor(job, List.of("e", "c", "a", "d", "b")));
        }
    }

    @Test
    void aLeavingMemberMovesOnlyItsOwnJobs() {
        List<String> survivors = List.of("a", "b", "d", "e");
        for (int i = 0; i < 1_000; i++) {
            String job = "job-" + i;
            String before = CoordinatorChoice.successor(job, MEMBERS);
            if (!before.equals("c")) assertEquals(before, CoordinatorChoice.successor(job, survivors), job);
        }
    }

    @Test
    void spreadsJobsRoughlyEvenly() {
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < 1_000; i++) count.merge(CoordinatorChoice.successor("job-" + i, MEMBERS), 1, Integer::sum);
        assertEquals(5, count.size());
        count.values().forEach(n -> assertTrue(n > 120 && n < 280, "uneven spread " + count));
    }

    @Test
    void theSecondCopyOfAFrameGoesToAnotherNodeThanTheFirst() {
        List<String> members = List.of("a", "b", "c");
        assertEquals("s", CoordinatorChoice.secondCopyHolder("w", "j1", "s", "c", members), "the submitter first");
        assertEquals("c", CoordinatorChoice.secondCopyHolder("s", "j1", "s", "c", members), "then the coordinator");
        String successor = CoordinatorChoice.secondCopyHolder("a", "j1", "a", "a", members);
        assertEquals(CoordinatorChoice.successor("j1", List.of("b", "c")), successor, "then who would take the job over");
        assertEquals(null, CoordinatorChoice.secondCopyHolder("a", "j1", "a", "a", List.of("a")), "alone: nobody");
    }
}
