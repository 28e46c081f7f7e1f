package io.rendermesh.node.storage;

import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.model.JobRecord;
import java.util.List;

/**
 * The node's local copy of the job table, so a restarted node remembers its jobs. A job is stored
 * whole when it is created or replaced, then change by change ({@link #append}): a 10,000-frame
 * job is not rewritten for each frame. What cannot be read at start is set aside with a warning
 * and the job is left to come back from the peers.
 */
public interface JobJournal extends AutoCloseable {

    /** Stores the whole job, replacing what was stored of it. */
    void save(JobRecord job);

    /**
     * Stores a change to a job saved before: its header and the frames that changed, at the job's
     * current seq. Returns true when the job should next be saved whole (its changes outweigh it,
     * or there is no whole record to apply them to).
     */
    boolean append(JobDelta change);

    void remove(String jobId);

    /** Every job known at start, each whole record with its changes applied. */
    List<JobRecord> loadAll();

    @Override
    void close();

    /** A stored job with a stored change applied; the change is skipped when it is not the job's next. */
    static JobRecord apply(JobRecord base, JobDelta d) {
        if (d.epoch() != base.epoch() || d.seq() <= base.seq()) return base;
        var frames = new java.util.ArrayList<>(base.frames());
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < frames.size(); i++) index.put(frames.get(i).frame(), i);
        for (var f : d.frames()) {
            Integer i = index.get(f.frame());
            if (i != null) frames.set(i, f);
        }
        return new JobRecord(base.id(), base.profile(), base.manifest(), base.submittedBy(), base.coordinator(), base.site(),
                d.state(), d.priority(), d.samples(), base.createdAtMillis(), d.epoch(), d.seq(), frames, d.blockedNodes(),
                d.pendingReason());
    }
}
