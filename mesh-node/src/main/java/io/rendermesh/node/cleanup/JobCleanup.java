package io.rendermesh.node.cleanup;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.node.storage.JobJournal;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.protocol.message.MeshMessage.JobsDeleted;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.Identifiers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished jobs leave the mesh: when a person deletes one, or {@code --keep-jobs-days} after they
 * began. Every node forgets the job (table, journal, frames, job folder, and the files no other job
 * of its uses) and remembers that it did ({@link Tombstones}), so a node that was away cannot bring
 * the job back: the tombstones go out again whenever the view changes. Confined to the node's loop.
 */
public final class JobCleanup {
    private static final Logger log = LoggerFactory.getLogger(JobCleanup.class);
    static final int MAX_IDS_PER_MESSAGE = 10_000;

    private final String self;
    private final JobTable table;
    private final JobJournal journal;
    private final FrameStore frames;
    private final JobFiles files;
    private final BlobStore blobs;
    private final MeshTransport transport;
    private final Clock clock;
    private final long keepMillis;
    private final Tombstones tombstones;

    public JobCleanup(String self, JobTable table, JobJournal journal, FrameStore frames, JobFiles files, BlobStore blobs,
                      MeshTransport transport, Clock clock, int keepDays, Tombstones tombstones) {
        this.self = self;
        this.table = table;
        this.journal = journal;
        this.frames = frames;
        this.files = files;
        this.blobs = blobs;
        this.transport = transport;
        this.clock = clock;
        this.keepMillis = keepDays * 86_400_000L;
        this.tombstones = tombstones;
    }

    /** Whether a job was deleted here: its records from peers are not taken back. */
    public boolean deleted(String jobId) {
        return tombstones.contains(jobId);
    }

    /** A person deletes a job: why not, or null once it is gone from this node and on its way out of the mesh. */
    public String delete(String jobId) {
        JobEntry job = table.get(jobId);
        if (job == null) return null;
        if (!job.state().terminal()) return "job " + jobId + " is " + job.state().wireName() + ": cancel it first";
        forget(List.of(jobId));
        transport.broadcast(new JobsDeleted(List.of(jobId), self));
        return null;
    }

    /** From the mesh: jobs deleted elsewhere. Returns why the message is refused, or null. */
    public String onDeleted(String from, JobsDeleted d) {
        if (d.jobIds() == null || d.jobIds().size() > MAX_IDS_PER_MESSAGE) return "bad job list";
        List<String> ids = new ArrayList<>();
        for (String id : d.jobIds()) {
            if (!Identifiers.isJobId(id)) return "bad job id";
            JobEntry job = table.get(id);
            // a job still running here is not deleted by a peer's word (it may have been cancelled and resumed meanwhile)
            if (job == null || job.state().terminal()) ids.add(id);
        }
        forget(ids);
        return null;
    }

    /** On the tick: jobs past the keep period go; so do tombstones (no node keeps such a job any more). */
    public void tick() {
        long now = clock.millis();
        List<String> old = new ArrayList<>();
        for (JobEntry job : table.all()) {
            if (job.state().terminal() && self.equals(job.coordinator()) && now - job.createdAtMillis() > keepMillis) old.add(job.id());
        }
        if (!old.isEmpty()) {
            log.info("jobs {} are older than the keep period: deleting them", old);
            forget(old);
            transport.broadcast(new JobsDeleted(old, self));
        }
        tombstones.expire(now - keepMillis);
    }

    /** A member may have come back with deleted jobs: tell the view again. */
    public void viewChanged() {
        List<String> ids = tombstones.newest(MAX_IDS_PER_MESSAGE);
        if (!ids.isEmpty()) transport.broadcast(new JobsDeleted(ids, self));
    }

    private void forget(List<String> ids) {
        if (ids.isEmpty()) return;
        Set<String> stillUsed = new HashSet<>();
        for (JobEntry j : table.all()) {
            if (!ids.contains(j.id())) j.manifest().forEach(e -> stillUsed.add(e.sha256()));
        }
        for (String id : ids) {
            JobEntry job = table.get(id);
            tombstones.add(id, clock.millis());
            if (job == null) continue;
            table.remove(id);
            try {
                journal.remove(id);
                frames.deleteJob(id);
                files.forget(id);
                for (BundleEntry e : job.manifest()) {
                    if (!stillUsed.contains(e.sha256())) blobs.delete(e.sha256());
                }
            } catch (Exception e) {
                log.warn("node {}: job {} not fully removed from disk: {}", self, id, e.toString());
            }
            log.info("job {} deleted on {}", id, self);
        }
    }
}
