package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.protocol.message.MeshMessage.ControlRequest;
import io.rendermesh.protocol.message.MeshMessage.MergeClaim;
import io.rendermesh.protocol.message.MeshMessage.TimedControl;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The coordinator's side of a partition merge: what it accepted (to hand over if it loses a job),
 * whom it took each job over from (to take a hand-over once, from that node, with only what came
 * after), and the merge of a hand-over into the job ({@link JobMerge} decides). On the loop thread.
 */
final class MergeHandover {
    /** What a merge did: actions applied, frames adopted, and the leases an adopted frame displaced. */
    record Merged(int applied, int adopted, List<FrameRecord> displaced) {
    }

    /** Whom this node took a job over from, at which epoch and seq. */
    private record TakenFrom(String node, long epoch, long seq) {
    }

    private final ControlLog controls = new ControlLog();
    private final Map<String, TakenFrom> takenFrom = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TakenFrom> eldest) {
            return size() > ControlLog.MAX_JOBS;
        }
    };

    /** This node, coordinating {@code job}, accepted {@code req} (the job's seq is the one after it). */
    void accepted(JobEntry job, ControlRequest req, long now) {
        controls.add(job.id(), new TimedControl(req.action(), req.frame(), req.value(), now, req.fromNode(), job.toSeq()));
    }

    /** This node takes {@code old} over from its coordinator. */
    void tookOver(JobRecord old) {
        takenFrom.put(old.id(), new TakenFrom(old.coordinator(), old.epoch(), old.seq()));
        controls.forget(old.id());
    }

    /** What this node hands the winner of {@code mine}. */
    MergeClaim claim(JobRecord mine, String self) {
        List<FrameRecord> done = mine.frames().stream().filter(f -> f.state() == FrameState.DONE).toList();
        return new MergeClaim(mine.id(), mine.epoch(), controls.of(mine.id()), done, self);
    }

    /**
     * Merges the other side's hand-over into {@code c}; null when it is not one to take: not from
     * the node this one took the job over from (or the other taker at one epoch), or taken already.
     */
    Merged merge(JobTable.Change c, MergeClaim claim, String self, long now, BiConsumer<JobEntry, ControlRequest> forward) {
        JobEntry job = c.job();
        TakenFrom from = takenFrom.get(job.id());
        boolean fromPredecessor = from != null && from.node().equals(claim.fromNode()) && from.epoch() == claim.epoch();
        boolean fromOtherTaker = claim.epoch() == job.epoch() && claim.fromNode().compareTo(self) > 0;
        if (!fromPredecessor && !fromOtherTaker) return null;
        takenFrom.remove(job.id());
        long after = from == null ? Long.MIN_VALUE : from.seq();
        // input before the takeover is in this side's copy already; a clock ahead of ours does not win by it
        List<TimedControl> theirs = claim.controls().stream().filter(t -> t.seq() > after)
                .map(t -> t.atMillis() <= now ? t : new TimedControl(t.action(), t.frame(), t.value(), now, t.fromNode(), t.seq()))
                .toList();
        List<TimedControl> mine = controls.of(job.id());
        List<TimedControl> apply = JobMerge.controlsToApply(mine, theirs);
        int applied = 0;
        for (TimedControl t : apply) {
            if (ControlActions.apply(c, t.action(), t.frame(), t.value(), (f, n) -> { }).isAccepted()) {
                controls.add(job.id(), t);
                forward.accept(job, new ControlRequest("merge-" + t.seq(), job.id(), t.action(), t.frame(), t.value(), t.fromNode()));
                applied++;
            }
        }
        List<FrameRecord> displaced = new ArrayList<>();
        List<FrameRecord> adopted = JobMerge.framesToAdopt(job::frame, claim.doneFrames(), mine);
        for (FrameRecord f : adopted) {
            FrameRecord before = job.frame(f.frame());
            if (before.state().inFlight()) displaced.add(before);
            c.put(f);
        }
        return new Merged(applied, adopted.size(), displaced);
    }
}
