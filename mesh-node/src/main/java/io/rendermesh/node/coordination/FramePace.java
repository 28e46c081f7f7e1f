package io.rendermesh.node.coordination;

import java.util.HashMap;
import java.util.Map;

/**
 * How long a job's frames take on each node, as its coordinator sees them: from the lease to the
 * result. Drives which node takes the last frames and when a straggler gets a copy. Kept in memory
 * (a coordinator taking over measures afresh). Confined to the loop thread.
 */
final class FramePace {
    private static final double WEIGHT = 0.3;
    private final Map<String, Map<Integer, Long>> started = new HashMap<>();
    private final Map<String, Map<String, Double>> millis = new HashMap<>();

    void leased(String jobId, int frame, long now) {
        started.computeIfAbsent(jobId, k -> new HashMap<>()).put(frame, now);
    }

    /** When this coordinator leased the frame last, or null. */
    Long startedAt(String jobId, int frame) {
        Map<Integer, Long> s = started.get(jobId);
        return s == null ? null : s.get(frame);
    }

    /** The frame's result came from {@code node}. */
    void finished(String jobId, int frame, String node, long now) {
        Map<Integer, Long> s = started.get(jobId);
        Long at = s == null ? null : s.remove(frame);
        if (at == null || now < at) return;
        millis.computeIfAbsent(jobId, k -> new HashMap<>()).merge(node, (double) (now - at), (old, n) -> old + WEIGHT * (n - old));
    }

    /** A frame's time on {@code node}, or -1 while unmeasured. */
    double of(String jobId, String node) {
        Map<String, Double> m = millis.get(jobId);
        Double v = m == null ? null : m.get(node);
        return v == null ? -1 : v;
    }

    /** The fastest node's frame time, or -1. */
    double fastest(String jobId) {
        Map<String, Double> m = millis.get(jobId);
        return m == null || m.isEmpty() ? -1 : m.values().stream().mapToDouble(Double::doubleValue).min().orElse(-1);
    }

    /** The nodes measured as rendering the job's frames faster than {@code millis}. */
    java.util.Set<String> fasterThan(String jobId, double millisPerFrame) {
        Map<String, Double> m = millis.get(jobId);
        java.util.Set<String> out = new java.util.HashSet<>();
        if (m != null) m.forEach((node, v) -> {
            if (v * io.rendermesh.node.scheduling.Stragglers.SLOW_NODE_FACTOR < millisPerFrame) out.add(node);
        });
        return out;
    }

    void forget(String jobId) {
        started.remove(jobId);
        millis.remove(jobId);
    }
}
