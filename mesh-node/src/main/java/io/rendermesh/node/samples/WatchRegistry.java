package io.rendermesh.node.samples;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which nodes have clients watching which jobs, so samples go only there. Interest expires unless
 * renewed (a watcher renews while it watches). Thread-safe.
 */
public final class WatchRegistry {
    public static final long INTEREST_MILLIS = 60_000;
    private final Map<String, Map<String, Long>> watchers = new ConcurrentHashMap<>();
    private final Clock clock;

    public WatchRegistry(Clock clock) {
        this.clock = clock;
    }

    public void interest(String jobId, String node, long untilMillis) {
        watchers.computeIfAbsent(jobId, k -> new ConcurrentHashMap<>()).merge(node, untilMillis, Math::max);
    }

    /** Nodes watching the job now. */
    public Set<String> watchers(String jobId) {
        Map<String, Long> m = watchers.get(jobId);
        Set<String> out = new HashSet<>();
        if (m == null) return out;
        long now = clock.millis();
        m.entrySet().removeIf(e -> e.getValue() < now);
        out.addAll(m.keySet());
        return out;
    }
}
