package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.scheduling.JobLoad;
import io.rendermesh.node.scheduling.Placement;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The worker asking for frames: which jobs to ask for its free slots (Placement ranks them,
 * counting what it asked already), the requests not answered yet, and the jobs that said no (not
 * asked again until they change, or a few ticks later). Confined to the node's loop thread.
 */
final class WorkRequests {
    static final long REQUEST_TIMEOUT_MILLIS = 5_000;
    static final int DENIAL_MEMORY_TICKS = 5;

    /** A request to send: {@code requestId} to the coordinator of {@code jobId}. */
    record Ask(String requestId, String jobId) {
    }

    private record Outstanding(String jobId, long sentAt) {
    }

    private final Map<String, Outstanding> outstanding = new LinkedHashMap<>();
    private final Map<String, Long> deniedAt = new HashMap<>();
    private long ticks;

    /** Requests sent and not answered yet (each holds a slot). */
    int unanswered() {
        return outstanding.size();
    }

    /** The requests for {@code free} slots, best job first; each is remembered until answered or too old. */
    List<Ask> ask(int free, Collection<JobEntry> jobs, NodeResources me, long now, Supplier<String> newId) {
        Map<String, Integer> asked = new HashMap<>();
        for (Outstanding o : outstanding.values()) asked.merge(o.jobId(), 1, Integer::sum);
        List<JobLoad> loads = new ArrayList<>();
        for (JobEntry job : jobs) {
            if (job.state().terminal() || job.state() == JobState.PAUSED) continue;
            Long denied = deniedAt.get(job.id());
            if (denied != null && denied == stamp(job)) continue;
            loads.add(job.load());
        }
        List<Ask> asks = new ArrayList<>();
        for (int slot = 0; slot < free; slot++) {
            List<JobLoad> adjusted = new ArrayList<>(loads.size());
            for (JobLoad l : loads) {
                int a = asked.getOrDefault(l.jobId(), 0);
                adjusted.add(new JobLoad(l.jobId(), l.profile(), l.state(), l.priority(), l.createdAtMillis(),
                        l.pendingFrames() - a, l.inFlightFrames() + a, l.blockedNodes()));
            }
            List<String> ranked = Placement.jobsToAsk(adjusted, me);
            if (ranked.isEmpty()) break;
            Ask ask = new Ask(newId.get(), ranked.get(0));
            outstanding.put(ask.requestId(), new Outstanding(ask.jobId(), now));
            asked.merge(ask.jobId(), 1, Integer::sum);
            asks.add(ask);
        }
        return asks;
    }

    /** A grant arrived; false when its request was not waiting (answered late, after it timed out). */
    boolean granted(String requestId) {
        return outstanding.remove(requestId) != null;
    }

    /** The job said no: not asked again until it changes. */
    void denied(String requestId, JobEntry job) {
        outstanding.remove(requestId);
        if (job != null) deniedAt.put(job.id(), stamp(job));
    }

    /** Forget every request (the slots are given back). */
    void clear() {
        outstanding.clear();
    }

    /** Periodic: unanswered requests expire; denials are forgotten now and then (their cause may have passed). */
    void tick(long now) {
        outstanding.values().removeIf(o -> now - o.sentAt() > REQUEST_TIMEOUT_MILLIS);
        if (++ticks % DENIAL_MEMORY_TICKS == 0) deniedAt.clear();
    }

    private static long stamp(JobEntry job) {
        return job.epoch() * 1_000_000_000L + job.toSeq();
    }
}
