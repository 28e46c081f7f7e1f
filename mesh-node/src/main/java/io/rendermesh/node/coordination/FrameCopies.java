package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.LeaseNumbers;
import java.util.HashMap;
import java.util.Map;

/**
 * Straggler copies: frames a coordinator also started on an idle fast node while a slow node
 * still renders them. The first result wins; the other render is cancelled. Confined to the loop thread.
 */
final class FrameCopies {
    record Copy(String node, int lease, long startedAt) {
    }

    private final Map<String, Map<Integer, Copy>> copies = new HashMap<>();
    private int leases;

    /** A new copy of {@code frame} on {@code node}; returns its lease number. */
    int start(String jobId, int frame, String node, long now) {
        int lease = LeaseNumbers.COPY_BASE + (leases = (leases + 1) % 1_000_000_000);
        copies.computeIfAbsent(jobId, k -> new HashMap<>()).put(frame, new Copy(node, lease, now));
        return lease;
    }

    Copy of(String jobId, int frame) {
        Map<Integer, Copy> m = copies.get(jobId);
        return m == null ? null : m.get(frame);
    }

    boolean has(String jobId, int frame) {
        return of(jobId, frame) != null;
    }

    /** The copy under {@code lease} on {@code node}, removed; null when it is not one (a stale or forged report). */
    Copy take(String jobId, int frame, int lease, String node) {
        Copy c = of(jobId, frame);
        if (c == null || c.lease() != lease || !c.node().equals(node)) return null;
        copies.get(jobId).remove(frame);
        return c;
    }

    /** The frame's copy, removed (the frame ended another way); null when there is none. */
    Copy drop(String jobId, int frame) {
        Map<Integer, Copy> m = copies.get(jobId);
        return m == null ? null : m.remove(frame);
    }

    /** The job's copies older than {@code limitMillis}, removed (they are to be cancelled), by frame. */
    Map<Integer, Copy> expire(String jobId, long now, long limitMillis) {
        Map<Integer, Copy> m = copies.get(jobId);
        Map<Integer, Copy> expired = new HashMap<>();
        if (m == null) return expired;
        m.entrySet().removeIf(e -> {
            if (now - e.getValue().startedAt() <= limitMillis) return false;
            expired.put(e.getKey(), e.getValue());
            return true;
        });
        return expired;
    }

    /** Copies on nodes that left are forgotten. */
    void retain(java.util.Set<String> present) {
        for (Map<Integer, Copy> m : copies.values()) m.values().removeIf(c -> !present.contains(c.node()));
    }
}
