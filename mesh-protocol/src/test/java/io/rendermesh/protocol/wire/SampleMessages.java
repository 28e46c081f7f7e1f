package io.rendermesh.protocol.wire;

import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One fixed instance of every message type, for round-trip and golden-byte tests. */
final class SampleMessages {
    private SampleMessages() {
    }

    static JobRecord job() {
        var profile = JobProfileJson.parse("{\"name\":\"shot\",\"scene\":\"scene.pov\",\"renderer\":{\"package\":\"povray\",\"minVersion\":\"3.7\"},"
                + "\"frames\":\"1-3\",\"requirements\":{\"minCores\":2,\"minMemoryMb\":512,\"tags\":[\"gpu\",\"fast\"]},\"params\":{\"b\":\"2\",\"a\":\"1\"}}");
        List<FrameRecord> frames = List.of(FrameRecord.pending(1, 32),
                new FrameRecord(2, FrameState.RENDERING, "n2", "default", 1, 5, 32, false, null, 1234),
                new FrameRecord(3, FrameState.DONE, "n3", "default", 2, 32, 32, true, "earlier failure", 99));
        return new JobRecord("j0123456789", profile, List.of(new BundleEntry("scene.pov", "ab".repeat(32), 1234)), "n1", "n1",
                "default", JobState.RUNNING, 50, 32, 1_700_000_000_000L, 2, 7, frames, Set.of("n9", "n4"), null);
    }

    static NodeResources resources() {
        return new NodeResources("n1", "127.0.0.1:7800", "default", List.of(new RendererInfo("builtin", "1.0")), 8, 16384,
                "Linux", List.of("gpu"), 4, 1, NodeState.BUSY, 12.5, "http://127.0.0.1:8080", 3, "127.0.0.1:40001",
                4_000_000L);
    }

    /** Every message type once, in a fixed order. */
    static Map<String, MeshMessage> all() {
        Map<String, MeshMessage> m = new LinkedHashMap<>();
        m.put("ResourcesAnnounce", new MeshMessage.ResourcesAnnounce(resources()));
        m.put("JobSnapshot", new MeshMessage.JobSnapshot(job()));
        m.put("JobDelta", new MeshMessage.JobDelta("j1", 1, 8, JobState.RUNNING, 60, 64, "why", new HashSet<>(Set.of("x")),
                new ArrayList<>(List.of(FrameRecord.pending(4, 64)))));
        m.put("SnapshotRequest", new MeshMessage.SnapshotRequest("j1", "n2"));
        m.put("WorkRequest", new MeshMessage.WorkRequest("r1", "j1", "n2"));
        m.put("WorkGrant", new MeshMessage.WorkGrant("r1", "j1", 4, 1, 64, null, null));
        m.put("WorkGrantPart", new MeshMessage.WorkGrant("r1", "j1", 4, 1_002, 64, null,
                new io.rendermesh.protocol.model.FramePart(1, 3, 21, 42, 0, 360)));
        m.put("PartDone", new MeshMessage.PartDone("j1", 4, 1_002, "n2", "cd".repeat(32), 5_529_616, 21, false));
        m.put("FrameParts", new MeshMessage.FrameParts("j1", 4, new ArrayList<>(List.of(new MeshMessage.PartView(
                new io.rendermesh.protocol.model.FramePart(0, 2, 0, 32, 0, 180), "n2", "default", "rendering", 7)))));
        m.put("WorkGrantResumed", new MeshMessage.WorkGrant("r1", "j1", 4, 2, 64, new MeshMessage.Handback("n2", 12, "ab".repeat(32), 5_529_620), null));
        m.put("FrameHandback", new MeshMessage.FrameHandback("j1", 4, 1, "node n2 is in use", new MeshMessage.Handback("n2", 12, "ab".repeat(32), 5_529_620)));
        m.put("WorkDenied", new MeshMessage.WorkDenied("r1", "j1", "paused"));
        m.put("FrameProgress", new MeshMessage.FrameProgress("j1", 4, 1, "n2", 3, 64));
        m.put("FrameDone", new MeshMessage.FrameDone("j1", 4, 1, "n2", "cd".repeat(32), 999, false));
        m.put("FrameFailed", new MeshMessage.FrameFailed("j1", 4, 1, "n2", "boom", true));
        m.put("FrameData", new MeshMessage.FrameData("q1", "j1", 4, new byte[] {1, 2, 3}));
        m.put("FrameFetch", new MeshMessage.FrameFetch("q1", "j1", 4, "n3"));
        m.put("BlobFetch", new MeshMessage.BlobFetch("q2", "ef".repeat(32), 1024, 4096, "n3"));
        m.put("BlobChunk", new MeshMessage.BlobChunk("q2", "ef".repeat(32), 1024, 8192, new byte[] {9, 8}));
        m.put("ControlRequest", new MeshMessage.ControlRequest("c1", "j1", "accept-frame", 4, null, "n3"));
        m.put("ControlReply", new MeshMessage.ControlReply("c1", "CONFLICT", "no sample yet"));
        m.put("WorkerCommand", new MeshMessage.WorkerCommand("j1", 4, 1, "accept", 0));
        m.put("Sample", new MeshMessage.Sample("j1", 4, 1, "n2", 3, 64, "image/jpeg", new byte[] {7}, 1_700_000_000_123L));
        m.put("SampleOfPart", new MeshMessage.Sample("j1", 4, 1_001, "n2", 3, 21, "image/jpeg", new byte[] {7}, 1_700_000_000_123L,
                new io.rendermesh.protocol.model.FramePart(0, 3, 0, 21, 0, 360)));
        m.put("WatchInterest", new MeshMessage.WatchInterest("j1", "n3", 1_700_000_060_000L));
        m.put("JoinPending", new MeshMessage.JoinPending(new io.rendermesh.protocol.model.JoinRequest("ws5", "10.0.0.5:7800",
                "ab12-cd34-ef56-7890", 1_700_000_000_000L, "n1")));
        m.put("JoinApproved", new MeshMessage.JoinApproved("ws5", "ab12-cd34-ef56-7890", "n2"));
        m.put("JobsDeleted", new MeshMessage.JobsDeleted(new java.util.ArrayList<>(List.of("j0123456789")), "n1"));
        m.put("MergeClaim", new MeshMessage.MergeClaim("j1", 2, new java.util.ArrayList<>(List.of(
                new MeshMessage.TimedControl("cancel", null, null, 1_700_000_000_000L, "n2", 7))),
                new java.util.ArrayList<>(List.of(FrameRecord.pending(1, 16))), "n1"));
        m.put("PreviewFetch", new MeshMessage.PreviewFetch("r1", "j1", 3, "n1"));
        m.put("PreviewReply", new MeshMessage.PreviewReply("r1", new MeshMessage.Sample("j1", 3, 1, "n2", 2, 8, "image/jpeg", new byte[] {1, 2}, 1_700_000_000_000L)));
        m.put("NodeControl", new MeshMessage.NodeControl("r1", "n2", "render-when", "idle", "n1"));
        m.put("SiteSummary", new MeshMessage.SiteSummary("b", "10.0.1.5:7900", "10.0.1.5:41234", new java.util.ArrayList<>(), 1_700_000_000_000L));
        m.put("RemoteOffer", new MeshMessage.RemoteOffer("o1", "a", "j0123456789", job().profile(),
                new java.util.ArrayList<>(job().manifest()), new java.util.ArrayList<>(List.of(1, 3))));
        m.put("RemoteSample", new MeshMessage.RemoteSample("j1", 3, "b", "b1", 2, 8, "image/jpeg", new byte[] {1, 2}, 5L));
        m.put("RemoteFrameDone", new MeshMessage.RemoteFrameDone("j1", 3, "b", "b1", true, 12, new byte[] {9}));
        m.put("OfferTaken", new MeshMessage.OfferTaken("o1", "j0123456789", "b"));
        m.put("TakenJob", new MeshMessage.TakenJob("r0123456789", "a", "j0123456789"));
        m.put("RemoteControl", new MeshMessage.RemoteControl("j1", "accept-frame", 3, null));
        m.put("SiteDone", new MeshMessage.SiteDone("j1", "b", 12));
        m.put("JoinClosed", new MeshMessage.JoinClosed("ws5", "ab12-cd34-ef56-7890", "n1"));
        return m;
    }
}
