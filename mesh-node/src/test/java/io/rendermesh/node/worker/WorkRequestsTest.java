package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkRequestsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    static final NodeResources ME = new NodeResources("w", "127.0.0.1:0", "default", List.of(new RendererInfo("synthetic", "1.0")), 4,
            4096, "test", List.of(), 4, 0, NodeState.IDLE, 1, null, 1, null, Long.MAX_VALUE);
    private final JobTable table = new JobTable(CLOCK, e -> { }, (j, f) -> { });
    private final WorkRequests requests = new WorkRequests();
    private final AtomicInteger ids = new AtomicInteger();

    static JobRecord job(String id, int frames, int priority) throws Exception {
        List<FrameRecord> fr = new ArrayList<>();
        for (int i = 1; i <= frames; i++) fr.add(FrameRecord.pending(i, 1));
        return new JobRecord(id, JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames + "\"}"),
                List.of(), "c", "c", "default", JobState.PENDING, priority, 1, 0, 1, 0, fr, Set.of(), null);
    }

    private List<WorkRequests.Ask> ask(int free, long now) {
        return requests.ask(free, table.all(), ME, now, () -> "r" + ids.incrementAndGet());
    }

    @Test
    void eachFreeSlotAsksTheBestJobThatStillHasFramesNobodyAskedFor() throws Exception {
        table.create(job("jhigh0000a", 1, 90));
        table.create(job("jlow00000b", 5, 10));
        List<WorkRequests.Ask> asks = ask(3, 0);
        assertEquals(List.of("jhigh0000a", "jlow00000b", "jlow00000b"), asks.stream().map(WorkRequests.Ask::jobId).toList());
        assertEquals(3, requests.unanswered());
        assertEquals(List.of("jlow00000b"), ask(1, 0).stream().map(WorkRequests.Ask::jobId).toList(),
                "the high job's one frame is asked for already");
    }

    @Test
    void aJobThatSaidNoIsLeftAloneUntilItChangesOrAFewTicksPass() throws Exception {
        JobEntry job = table.create(job("jdenied00a", 3, 50));
        String id = ask(1, 0).get(0).requestId();
        requests.denied(id, job);
        assertEquals(0, requests.unanswered());
        assertTrue(ask(1, 0).isEmpty());
        for (int i = 0; i < WorkRequests.DENIAL_MEMORY_TICKS; i++) requests.tick(0);
        assertEquals(1, ask(1, 0).size(), "asked again once the denial is forgotten");
        requests.denied("r2", job);
        JobTable.Change c = table.change(job);
        c.priority(60);
        c.commit();
        assertEquals(1, ask(1, 0).size(), "asked again once the job changed");
    }

    @Test
    void aRequestNobodyAnswersFreesItsSlotAfterTheTimeoutAndALateGrantIsRecognised() throws Exception {
        table.create(job("jslow0000a", 3, 50));
        String id = ask(1, 1_000).get(0).requestId();
        requests.tick(1_000 + WorkRequests.REQUEST_TIMEOUT_MILLIS);
        assertEquals(1, requests.unanswered(), "not yet");
        requests.tick(1_001 + WorkRequests.REQUEST_TIMEOUT_MILLIS);
        assertEquals(0, requests.unanswered());
        assertFalse(requests.granted(id), "a grant after the timeout is a late one");
        String next = ask(1, 9_000).get(0).requestId();
        assertTrue(requests.granted(next));
    }
}
