package io.rendermesh.node.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.testkit.MemoryStores;
import io.rendermesh.node.testkit.RecordingTransport;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameReportsTest {
    @TempDir
    Path dir;
    private final JobTable table = new JobTable(WorkRequestsTest.CLOCK, e -> { }, (j, f) -> { });
    private final RecordingTransport transport = new RecordingTransport("w", List.of("w", "c", "d"));

    private List<String> sent() {
        return transport.sent.stream().filter(m -> m.message() instanceof FrameDone)
                .map(m -> m.to() + ":" + ((FrameDone) m.message()).frame()).toList();
    }

    @Test
    void framesStoredBeforeACrashAreReportedAtStartAndAgainToACoordinatorThatTookTheJobOver() throws Exception {
        MemoryStores.Frames stored = new MemoryStores.Frames(dir);
        JobEntry job = table.create(WorkRequestsTest.job("jreport00a", 3, 50));
        JobTable.Change c = table.change(job);
        c.put(FrameTransitions.assign(job.frame(2), "w", "default", 0));
        c.commit();
        stored.put(job.id(), 2, new byte[] {1});
        stored.put(job.id(), 3, new byte[] {1});
        FrameReports reports = new FrameReports("w", stored, transport);
        reports.reportStored(table.all());
        assertEquals(List.of("c:2", "c:3"), sent(), "frame 2 leased here and frame 3 never leased: both reported");

        transport.sent.clear();
        reports.jobChanged(job);
        assertEquals(List.of(), sent(), "the same coordinator: nothing again");
        table.applySnapshot(new io.rendermesh.protocol.model.JobRecord(job.id(), job.profile(), List.of(), "c", "d", "default",
                job.state(), 50, 1, 0, job.epoch() + 1, 0, job.toRecord().frames(), java.util.Set.of(), null));
        reports.jobChanged(table.get(job.id()));
        assertEquals(List.of("d:2", "d:3"), sent(), "the new coordinator hears of them");
    }
}
