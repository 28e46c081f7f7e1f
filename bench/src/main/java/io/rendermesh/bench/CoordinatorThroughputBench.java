package io.rendermesh.bench;

import io.rendermesh.node.coordination.Coordinator;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.wire.WireFormat;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Assignments per second through one coordinator: three workers with 0 ms frames ask for work,
 * get a lease and report the frame done, as fast as the coordinator answers. Every message is
 * encoded and decoded with the real wire format, as the transport would. Target: 5,000/s.
 */
public final class CoordinatorThroughputBench {
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int round = 1; round <= 3; round++) {
            double perSecond = run(frames);
            System.out.printf("round %d: %,d assignments through one coordinator: %,.0f assignments/s (target >= 5,000/s)%n",
                    round, frames, perSecond);
        }
    }

    static double run(int frameCount) {
        Queue q = new Queue();
        ResourceMap resources = new ResourceMap();
        List<String> workers = List.of("w1", "w2", "w3");
        for (String w : workers) {
            resources.put(new NodeResources(w, "127.0.0.1:0", "default", List.of(new RendererInfo("synthetic", "1.0")), 2,
                    4096, "bench", List.of(), 1, 0, NodeState.IDLE, 1, null, 1, null,
                    Long.MAX_VALUE));
        }
        JobTable table = new JobTable(Clock.systemUTC(), e -> { }, (j, f) -> { });
        Coordinator coordinator = new Coordinator("c", "default", table, resources, q, Clock.systemUTC());
        var profile = JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frameCount
                + "\",\"params\":{\"frameMillis\":0}}");
        List<FrameRecord> fr = new ArrayList<>();
        for (int n : profile.frameList()) fr.add(FrameRecord.pending(n, 1));
        coordinator.create(new JobRecord("jbench", profile, List.of(), "c", "c", "default", JobState.PENDING, 50, 1,
                0, 1, 0, fr, Set.of(), null));
        long start = System.nanoTime();
        int granted = 0;
        int req = 0;
        for (String w : workers) q.toCoordinator.add(roundTrip(new WorkRequest("r" + req++, "jbench", w)));
        while (!q.toCoordinator.isEmpty()) {
            MeshMessage m = q.toCoordinator.poll();
            if (m instanceof WorkRequest r) coordinator.onWorkRequest(r);
            else if (m instanceof FrameDone d) coordinator.onFrameDone(d);
            while (!q.toWorkers.isEmpty()) {
                MeshMessage reply = roundTrip(q.toWorkers.poll());
                if (reply instanceof WorkGrant g) {
                    granted++;
                    String node = q.lastTarget.poll();
                    q.toCoordinator.add(roundTrip(new FrameDone(g.jobId(), g.frame(), g.attempt(), node, "", 0, false)));
                    q.toCoordinator.add(roundTrip(new WorkRequest("r" + req++, "jbench", node)));
                } else {
                    q.lastTarget.poll();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (granted != frameCount || table.get("jbench").state() != JobState.DONE) {
            throw new IllegalStateException("bench broken: granted " + granted + ", state " + table.get("jbench").state());
        }
        return granted / seconds;
    }

    private static MeshMessage roundTrip(MeshMessage m) {
        return WireFormat.decode(WireFormat.encode(m));
    }

    /** A transport that queues unicasts for the bench loop and encodes broadcasts as a real one would. */
    private static final class Queue implements MeshTransport {
        final ArrayDeque<MeshMessage> toCoordinator = new ArrayDeque<>();
        final ArrayDeque<MeshMessage> toWorkers = new ArrayDeque<>();
        final ArrayDeque<String> lastTarget = new ArrayDeque<>();

        @Override
        public void start(MeshListener listener) {
        }

        @Override
        public String localNode() {
            return "c";
        }

        @Override
        public String localAddress() {
            return "127.0.0.1:0";
        }

        @Override
        public List<String> members() {
            return List.of("c", "w1", "w2", "w3");
        }

        @Override
        public void broadcast(MeshMessage message) {
            WireFormat.encode(message);
        }

        @Override
        public void send(String node, MeshMessage message) {
            toWorkers.add(message);
            lastTarget.add(node);
        }

        @Override
        public void close() {
        }
    }
}
