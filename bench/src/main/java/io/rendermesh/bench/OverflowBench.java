package io.rendermesh.bench;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two sites on this machine (in one JVM, loopback TCP, a bridge between their gateways): site a
 * has one node of one slot, site b two. (a) Overflow speed-up: 60 synthetic frames of 200 ms
 * submitted at site a, with allowRemote against without, makespan ratio (goal <= 0.40, ideal 0.33).
 * (b) Sample latency across the bridge: from the end of a pass at site b to its sample event at
 * site a, p50 and p99 (goal p50 <= 30 ms, p99 <= 150 ms). Usage: scripts/bench overflow
 */
public final class OverflowBench {
    static final int FRAMES = 60;
    static final int FRAME_MILLIS = 200;

    public static void main(String[] args) throws Exception {
        try (TwoSiteMesh sites = new TwoSiteMesh(2)) {
            MeshNode a1 = sites.siteA();
            double alone = makespan(a1, false, null);
            List<Long> latencies = new CopyOnWriteArrayList<>();
            double overflow = makespan(a1, true, latencies);
            System.out.printf("overflow: %d frames x %d ms submitted at site a (1 slot), site b has 2 slots%n", FRAMES, FRAME_MILLIS);
            System.out.printf("  site a alone: makespan %.2f s (ideal %.2f s)%n", alone, FRAMES * FRAME_MILLIS / 1000.0);
            System.out.printf("  with site b:  makespan %.2f s (ideal %.2f s)%n", overflow, FRAMES * FRAME_MILLIS / 3000.0);
            System.out.printf("  makespan ratio with/alone: %.2f (goal <= 0.40, ideal 0.33)%n", overflow / alone);
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                System.out.printf("sample latency across the bridge (pass end at site b to sample event at site a), %d samples: "
                        + "p50 %d ms, p99 %d ms (goal p50 <= 30, p99 <= 150)%n", sorted.size(), pct(sorted, 0.5), pct(sorted, 0.99));
            }
        }
    }

    private static double makespan(MeshNode a1, boolean allowRemote, List<Long> latencies) throws Exception {
        String profile = "{\"name\":\"bench\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + FRAMES + "\",\"width\":64,"
                + "\"height\":36,\"samples\":4,\"allowRemote\":" + allowRemote + ",\"params\":{\"frameMillis\":" + FRAME_MILLIS + ",\"passes\":4}}";
        long start = System.nanoTime();
        String id = a1.api().submit(JobProfileJson.parse(profile), List.of());
        try (var sub = a1.api().events().subscribe(id, e -> record(e, latencies))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (a1.api().job(id).state() != JobState.DONE) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("job did not finish: " + a1.api().job(id).frames());
                Thread.sleep(10);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void record(NodeEvent e, List<Long> latencies) {
        if (latencies == null || !e.type().equals("sample")) return;
        Object node = e.data().get("node");
        Object renderedAt = e.data().get("renderedAt");
        if (node != null && node.toString().startsWith("b") && renderedAt instanceof Number n) latencies.add(e.time() - n.longValue());
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1));
    }
}
