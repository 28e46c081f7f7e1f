package io.rendermesh.node.coordination;

import io.rendermesh.protocol.message.MeshMessage.TimedControl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control input this node accepted as a job's coordinator, with when: what a partition merge
 * compares field by field ({@link JobMerge}). In memory only; bounded per job and in jobs (the least recently controlled go first).
 */
final class ControlLog {
    static final int MAX_PER_JOB = 256;
    static final int MAX_JOBS = 1_024;
    private final Map<String, Deque<TimedControl>> byJob = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<TimedControl>> eldest) {
            return size() > MAX_JOBS;
        }
    };

    void add(String jobId, TimedControl c) {
        Deque<TimedControl> log = byJob.computeIfAbsent(jobId, id -> new ArrayDeque<>());
        log.addLast(c);
        if (log.size() > MAX_PER_JOB) log.removeFirst();
    }

    List<TimedControl> of(String jobId) {
        Deque<TimedControl> log = byJob.get(jobId);
        return log == null ? List.of() : List.copyOf(log);
    }

    void forget(String jobId) {
        byJob.remove(jobId);
    }
}
