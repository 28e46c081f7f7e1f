package io.rendermesh.node.jobs;

import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * This node's replica of the job table. Replicas apply their coordinators' snapshots and deltas;
 * a coordinator changes its own jobs through {@link #change(JobEntry)}, the one place frame state
 * changes. Confined to the node's loop thread. Every change is reported to the change listener
 * (journal, worker) and turned into user events.
 */
public final class JobTable {
    public enum DeltaResult { APPLIED, STALE, GAP }

    private java.util.function.Predicate<String> gone = id -> false;

    private final Map<String, JobEntry> jobs = new LinkedHashMap<>();
    private final Clock clock;
    private final Consumer<NodeEvent> events;
    private final Listener onChange;

    /** Told of every change: the frames it changed, or null when the whole job was (re)placed. */
    @FunctionalInterface
    public interface Listener {
        void changed(JobEntry job, List<FrameRecord> frames);
    }

    public JobTable(Clock clock, Consumer<NodeEvent> events, Listener onChange) {
        this.clock = clock;
        this.events = events;
        this.onChange = onChange;
    }

    public JobEntry get(String id) {
        return jobs.get(id);
    }

    public Collection<JobEntry> all() {
        return jobs.values();
    }

    /** Jobs this table never takes back from a peer's snapshot (deleted here). */
    public void refuse(java.util.function.Predicate<String> gone) {
        this.gone = gone;
    }

    /** Adds or replaces a job from a full record when it is newer than ours. */
    public boolean applySnapshot(JobRecord record) {
        if (gone.test(record.id())) return false;
        JobEntry old = jobs.get(record.id());
        if (old != null && !JobRecord.supersedes(record.epoch(), record.coordinator(), record.seq(), old.epoch, old.coordinator, old.seq)) {
            return false;
        }
        JobEntry next = new JobEntry(record);
        jobs.put(record.id(), next);
        long now = clock.millis();
        if (old != null) next.eta.continueFrom(old.eta);
        for (FrameRecord f : record.frames()) {
            FrameRecord before = old == null ? null : old.frame(f.frame());
            JobEvents.frameChanged(record.id(), before, f, now, events);
            if (old != null) pace(next, before, f, now);
        }
        JobEvents.jobChanged(next, old == null ? null : old.state, now, events);
        onChange.changed(next, null);
        return true;
    }

    public DeltaResult applyDelta(JobDelta d) {
        JobEntry job = jobs.get(d.jobId());
        if (job == null) return DeltaResult.GAP;
        if (d.epoch() < job.epoch || (d.epoch() == job.epoch && d.seq() <= job.seq)) return DeltaResult.STALE;
        if (d.epoch() > job.epoch || d.seq() != job.seq + 1) return DeltaResult.GAP;
        Change c = new Change(job);
        for (FrameRecord f : d.frames()) c.put(f);
        c.state = d.state();
        job.priority = d.priority();
        job.samples = d.samples();
        job.pendingReason = d.pendingReason();
        job.blocked.clear();
        job.blocked.addAll(d.blockedNodes());
        c.finish(d.seq());
        return DeltaResult.APPLIED;
    }

    /** Adds a job this node just created (as its coordinator). */
    public JobEntry create(JobRecord record) {
        JobEntry entry = new JobEntry(record);
        jobs.put(record.id(), entry);
        JobEvents.jobChanged(entry, null, clock.millis(), events);
        onChange.changed(entry, null);
        return entry;
    }

    public void remove(String id) {
        jobs.remove(id);
    }

    /** What a frame's change says about the job's pace. */
    private static void pace(JobEntry job, FrameRecord before, FrameRecord after, long now) {
        if (after.state() == FrameState.DONE && (before == null || before.state() != FrameState.DONE)) job.eta.done(now);
        else if (after.state().inFlight()) job.eta.started(now);
    }

    /** Starts a change of a job this node coordinates; {@link Change#commit()} returns the delta to broadcast. */
    public Change change(JobEntry job) {
        return new Change(job);
    }

    /** A batch of changes to one job, published as one delta. */
    public final class Change {
        private final JobEntry job;
        private final JobState stateBefore;
        private final List<FrameRecord[]> changed = new ArrayList<>();
        private JobState state;
        private boolean headerChanged;

        private Change(JobEntry job) {
            this.job = job;
            this.stateBefore = job.state;
            this.state = job.state;
        }

        public JobEntry job() {
            return job;
        }

        /** Applies a transition result; null (a transition that did not apply) is ignored. */
        public boolean put(FrameRecord next) {
            if (next == null) return false;
            FrameRecord old = job.put(next);
            changed.add(new FrameRecord[] {old, next});
            return true;
        }

        public void state(JobState s) {
            state = s;
        }

        public void priority(int p) {
            if (job.priority != p) {
                job.priority = p;
                headerChanged = true;
            }
        }

        public void samples(int s) {
            if (job.samples != s) {
                job.samples = s;
                headerChanged = true;
            }
        }

        public void pendingReason(String reason) {
            if (!java.util.Objects.equals(job.pendingReason, reason)) {
                job.pendingReason = reason;
                headerChanged = true;
            }
        }

        public void block(String node) {
            headerChanged |= job.blocked.add(node);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && !headerChanged && state == stateBefore;
        }

        /** Records the change locally and returns the delta for the replicas, or null when nothing changed. */
        public JobDelta commit() {
            JobState requested = job.state;
            job.state = state;
            state = job.derivedState();
            job.state = requested;
            if (isEmpty()) return null;
            long seq = job.seq + 1;
            List<FrameRecord> frames = new ArrayList<>(changed.size());
            for (FrameRecord[] p : changed) frames.add(p[1]);
            finish(seq);
            return new JobDelta(job.id, job.epoch, seq, job.state, job.priority, job.samples, job.pendingReason,
                    new HashSet<>(job.blocked), frames);
        }

        private void finish(long seq) {
            job.seq = seq;
            job.state = state;
            long now = clock.millis();
            if (state == JobState.PAUSED && stateBefore != JobState.PAUSED) job.eta.paused();
            for (FrameRecord[] p : changed) pace(job, p[0], p[1], now);
            JobEvents.framesChanged(job.id, changed, now, events);
            JobEvents.jobChanged(job, stateBefore, now, events);
            List<FrameRecord> frames = new ArrayList<>(changed.size());
            for (FrameRecord[] p : changed) frames.add(p[1]);
            onChange.changed(job, frames);
        }
    }
}
