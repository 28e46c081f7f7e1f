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
    /** A free slot with nothing waiting asks a job's coordinator for a straggler's frame at most this often. */
    static final long COPY_ASK_INTERVAL_MILLIS = 1_000;

    /** A request to send: {@code requestId} to the coordinator of {@code jobId}. */
    record Ask(String requestId, String jobId) {
    }

    private record Outstanding(String jobId, long sentAt) {
    }

    private final Map<String, Outstanding> outstanding = new LinkedHashMap<>();
    private final Map<String, Long> deniedAt = new HashMap<>();
    private final Map<String, Long> copyAskedAt = new HashMap<>();
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
        if (asks.isEmpty() && free > 0 && outstanding.isEmpty()) {
            Ask copy = askForStraggler(loads, me, now, newId);
            if (copy != null) asks.add(copy);
        }
        return asks;
    }

    /**
     * With a free slot and no frame waiting anywhere, ask the most urgent job that still renders for
     * a frame a slow node holds (its coordinator may start a copy here), now and then.
     */
    private Ask askForStraggler(List<JobLoad> loads, NodeResources me, long now, Supplier<String> newId) {
        JobLoad best = null;
        for (JobLoad l : loads) {
            if (l.pendingFrames() > 0 || l.inFlightFrames() == 0 || l.state() != JobState.RUNNING) continue;
            if (l.blockedNodes().contains(me.name()) || !io.rendermesh.node.scheduling.Capability.canRender(l.profile(), me)) continue;
            Long last = copyAskedAt.get(l.jobId());
            if (last != null && now - last < COPY_ASK_INTERVAL_MILLIS) continue;
            if (best == null || l.priority() > best.priority()) best = l;
        }
        if (best == null) return null;
        copyAskedAt.put(best.jobId(), now);
        if (copyAskedAt.size() > 256) copyAskedAt.clear(); // a bound: jobs come and go
        Ask ask = new Ask(newId.get(), best.jobId());
        outstanding.put(ask.requestId(), new Outstanding(ask.jobId(), now));
        return ask;
    }

    /** When request {@code requestId} went out, if it is still waiting. */
    Long sentAt(String requestId) {
        Outstanding o = outstanding.get(requestId);
        return o == null ? null : o.sentAt();
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

    /** A job's version: its coordinator's changes, and the parts of its split frames (which change no seq). */
    private static long stamp(JobEntry job) {
        return (job.epoch() * 1_000_000_000L + job.toSeq()) * 31 + job.partsChanges();
    }
}
