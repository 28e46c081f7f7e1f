package io.rendermesh.node.jobs;

import io.rendermesh.node.storage.JobJournal;
import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.model.FrameRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job changes not yet in the journal, flushed every quarter second: a job replaced whole is
 * saved whole, any other as one change holding the frames changed since the last flush. Confined
 * to the node's loop thread.
 */
public final class JournalQueue {
    /** Frame numbers changed per job; null for a job to save whole. */
    private final Map<String, Set<Integer>> dirty = new LinkedHashMap<>();
    private final JobJournal journal;

    public JournalQueue(JobJournal journal) {
        this.journal = journal;
    }

    /** A {@link JobTable.Listener} step: remembers what changed. */
    public void changed(JobEntry job, List<FrameRecord> frames) {
        if (frames == null) {
            dirty.put(job.id(), null);
            return;
        }
        if (dirty.containsKey(job.id()) && dirty.get(job.id()) == null) return;
        Set<Integer> numbers = dirty.computeIfAbsent(job.id(), id -> new HashSet<>());
        for (FrameRecord f : frames) numbers.add(f.frame());
    }

    public void forget(String jobId) {
        dirty.remove(jobId);
    }

    /** Each job leaves the queue once stored: a failing write is tried again, and does not hold back the others. */
    public void flush(JobTable table) {
        RuntimeException first = null;
        for (var it = dirty.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            JobEntry job = table.get(e.getKey());
            try {
                boolean whole = e.getValue() == null;
                if (job != null && !whole) whole = journal.append(change(job, e.getValue()));
                if (job != null && whole) journal.save(job.toRecord());
                it.remove();
            } catch (RuntimeException ex) {
                if (first == null) first = ex;
            }
        }
        if (first != null) throw first;
    }

    private static JobDelta change(JobEntry job, Set<Integer> numbers) {
        List<FrameRecord> frames = new ArrayList<>(numbers.size());
        for (int n : numbers) frames.add(job.frame(n));
        return new JobDelta(job.id, job.epoch, job.seq, job.state, job.priority, job.samples, job.pendingReason,
                new HashSet<>(job.blocked), frames);
    }
}
