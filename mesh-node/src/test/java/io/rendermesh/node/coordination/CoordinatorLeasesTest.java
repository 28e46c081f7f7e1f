package io.rendermesh.node.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.testkit.MemoryStores;
import io.rendermesh.node.testkit.RecordingTransport;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.PartDone;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator handing out work: chunks of short frames, and the parts of a split frame, with fakes and a fixed clock. */
class CoordinatorLeasesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private final RecordingTransport transport = new RecordingTransport("c", List.of("c", "w1", "w2"));
    private final JobTable table = new JobTable(CLOCK, e -> { }, (j, f) -> { });
    private final ResourceMap resources = new ResourceMap();
    private final Coordinator coordinator = new Coordinator("c", "default", table, resources, transport, CLOCK);

    private static NodeResources node(String name) {
        return new NodeResources(name, "127.0.0.1:0", "default", List.of(new RendererInfo("synthetic", "1.0"),
                new RendererInfo("builtin", "1.0")), 2, 4096, "test", List.of(), 1, 0, NodeState.IDLE, 1, null, 6, null, Long.MAX_VALUE);
    }

    private JobRecord job(String renderer, int frames, int samples) {
        return jobRecord(renderer, frames, samples);
    }

    static JobRecord jobRecord(String renderer, int frames, int samples) {
        List<FrameRecord> fr = new ArrayList<>();
        for (int i = 1; i <= frames; i++) fr.add(FrameRecord.pending(i, samples));
        return new JobRecord("j0123456789", JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"" + renderer
                + "\",\"frames\":\"1-" + frames + "\",\"width\":8,\"height\":4,\"samples\":" + samples + "}"),
                List.of(), "c", "c", "default", JobState.PENDING, 50, samples, 0, 2, 0, fr, Set.of(), null);
    }

    private List<WorkGrant> grants() {
        return transport.sent.stream().filter(s -> s.message() instanceof WorkGrant).map(s -> (WorkGrant) s.message()).toList();
    }

    @Test
    void shortFramesGoOutInChunksWhileTheOtherSlotsKeepTheirShare() {
        for (String n : List.of("c", "w1", "w2")) resources.put(node(n));
        table.create(job("synthetic", 60, 1));
        coordinator.onWorkRequest(new WorkRequest("r1", "j0123456789", "w1", 4));
        assertEquals(List.of(1, 2, 3, 4), grants().stream().map(WorkGrant::frame).toList(), "one request, four frames");
        assertTrue(grants().stream().allMatch(g -> g.requestId().equals("r1")));
        List<MeshMessage.JobDelta> deltas = transport.sent.stream().filter(s -> s.to() == null && s.message() instanceof MeshMessage.JobDelta)
                .map(s -> (MeshMessage.JobDelta) s.message()).toList();
        assertEquals(1, deltas.size(), "a chunk is one delta to every node");
        assertEquals(4, deltas.get(0).frames().size());
        assertEquals(4, table.get("j0123456789").count(FrameState.ASSIGNED));
        transport.sent.clear();
        coordinator.onWorkRequest(new WorkRequest("r2", "j0123456789", "w2", 100));
        assertEquals(WorkLeases.MAX_CHUNK, grants().size(), "a chunk is bounded");
    }

    @Test
    void aChunkNeverTakesWhatTheOtherFreeSlotsWouldGet() {
        for (String n : List.of("c", "w1", "w2")) resources.put(node(n));
        table.create(job("synthetic", 4, 1));
        coordinator.onWorkRequest(new WorkRequest("r1", "j0123456789", "w1", 16));
        assertEquals(2, grants().size(), "4 frames waiting for 3 free slots: the first and one more");
    }

    @Test
    void aLoneFrameIsSplitOverTheFreeSlotsAndPutTogetherFromItsParts() throws Exception {
        for (String n : List.of("c", "w1", "w2")) resources.put(node(n));
        table.create(job("builtin", 1, 12));
        Map<String, byte[]> kept = new HashMap<>();
        MemoryStores.Frames frames = new MemoryStores.Frames(dir);
        coordinator.splitting((node, sha, size) -> CompletableFuture.completedFuture(kept.get(sha)), frames, Runnable::run, Runnable::run);
        for (String w : List.of("w1", "w2", "c")) coordinator.onWorkRequest(new WorkRequest("r-" + w, "j0123456789", w));
        List<WorkGrant> grants = grants();
        assertEquals(3, grants.size());
        assertTrue(grants.stream().allMatch(g -> g.part() != null && g.frame() == 1));
        assertEquals(List.of(0, 4, 8), grants.stream().map(g -> g.part().fromPass()).toList());
        FrameRecord held = table.get("j0123456789").frame(1);
        assertEquals("c", held.node(), "the coordinator holds a split frame");
        assertTrue(coordinator.holdsSplit("j0123456789", 1));
        assertEquals(3, table.get("j0123456789").parts(1).size());
        String[] nodes = {"w1", "w2", "c"};
        for (int i = 0; i < 3; i++) {
            WorkGrant g = grants.get(i);
            double[] accum = new double[8 * 4 * 3];
            java.util.Arrays.fill(accum, i + 1.0);
            byte[] bytes = new PassCheckpoint(4, 8, 4, accum).encode();
            String sha = "%064x".formatted(i + 1);
            kept.put(sha, bytes);
            assertNull(frames.get("j0123456789", 1).orElse(null), "not before every part is in");
            coordinator.onPartDone(new PartDone("j0123456789", 1, g.attempt(), nodes[i], sha, bytes.length, 4, false));
        }
        FrameRecord done = table.get("j0123456789").frame(1);
        assertEquals(FrameState.DONE, done.state());
        assertEquals(12, done.samplesDone());
        assertNotNull(frames.get("j0123456789", 1).orElse(null), "the frame is stored where it was put together");
        coordinator.onPartDone(new PartDone("j0123456789", 1, grants.get(0).attempt(), "w1", "%064x".formatted(1), 10, 4, false));
        assertEquals(FrameState.DONE, table.get("j0123456789").frame(1).state(), "a repeated report changes nothing");
    }

    @Test
    void aPartReportFromANodeThatDoesNotHoldItsLeaseIsIgnored() {
        for (String n : List.of("c", "w1", "w2")) resources.put(node(n));
        table.create(job("builtin", 1, 12));
        coordinator.onWorkRequest(new WorkRequest("r1", "j0123456789", "w1"));
        WorkGrant g = grants().get(0);
        coordinator.onFrameFailed(new MeshMessage.FrameFailed("j0123456789", 1, g.attempt(), "w2", "forged", true));
        assertEquals("rendering", table.get("j0123456789").parts(1).get(0).state());
        coordinator.onFrameFailed(new MeshMessage.FrameFailed("j0123456789", 1, g.attempt(), "w1", "crashed", true));
        assertEquals("pending", table.get("j0123456789").parts(1).get(0).state(), "its own node's failure puts it back");
    }
}
