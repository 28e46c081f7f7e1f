package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanedLeasesTest {
    private final JobTable table = new JobTable(WorkRequestsTest.CLOCK, e -> { }, (j, f) -> { });
    private final OrphanedLeases orphans = new OrphanedLeases();

    private List<Integer> due(Set<Integer> renderingHere, long now) {
        return orphans.due(table.all(), "w", (job, frame) -> renderingHere.contains(frame), now).stream()
                .map(o -> o.frame().frame()).toList();
    }

    @Test
    void aLeaseThisNodeDoesNotRenderGoesBackAfterTheGraceAndOneItRendersNever() throws Exception {
        JobEntry job = table.create(WorkRequestsTest.job("jorphan00a", 3, 50));
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.assign(job.frame(1), "w", "default", 0));
        c.put(FrameTransitions.assign(job.frame(2), "w", "default", 0));
        c.put(FrameTransitions.assign(job.frame(3), "other", "default", 0));
        c.commit();
        assertEquals(List.of(), due(Set.of(2), 0), "a grant may still be on its way");
        assertEquals(List.of(), due(Set.of(2), OrphanedLeases.GRACE_MILLIS - 1));
        assertEquals(List.of(1), due(Set.of(2), OrphanedLeases.GRACE_MILLIS));
        var again = orphans.due(table.all(), "w", (j, frame) -> frame == 2, OrphanedLeases.GRACE_MILLIS + 1_000);
        assertEquals(1, again.size());
        assertEquals(false, again.get(0).first(), "due again, but said once");
    }

    @Test
    void aLeaseThatWentAwayStartsItsGraceAfreshIfItComesBack() throws Exception {
        JobEntry job = table.create(WorkRequestsTest.job("jorphan00b", 1, 50));
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.assign(job.frame(1), "w", "default", 0));
        c.commit();
        assertEquals(List.of(), due(Set.of(), 0));
        assertEquals(List.of(), due(Set.of(1), 1_000), "rendering it now: forgotten");
        assertEquals(List.of(), due(Set.of(), 2 * OrphanedLeases.GRACE_MILLIS));
        assertEquals(List.of(1), due(Set.of(), 3 * OrphanedLeases.GRACE_MILLIS));
    }
}
