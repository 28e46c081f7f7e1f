package io.rendermesh.node.worker;

import io.rendermesh.node.coordination.CoordinatorChoice;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage.FrameData;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Frames finished and stored here that a coordinator may not know of: those stored before a crash
 * are reported at start, and every frame delivered is reported again to a coordinator that takes
 * its job over (the old one may have died before recording it). Confined to the node's loop thread.
 */
final class FrameReports {
    private final String self;
    private final FrameStore frames;
    private final MeshTransport transport;
    private final Map<String, Long> epochs = new HashMap<>();
    private final Map<String, Set<Integer>> delivered = new HashMap<>();

    FrameReports(String self, FrameStore frames, MeshTransport transport) {
        this.self = self;
        this.frames = frames;
        this.transport = transport;
    }

    /** A frame rendered here was stored: its coordinator hears of it, and a second node keeps a copy (the submitter, or the coordinator). */
    void finished(JobEntry job, int frame, int attempt, byte[] png, boolean accepted) {
        delivered(job.id(), frame);
        transport.send(job.coordinator(), new FrameDone(job.id(), frame, attempt, self, FrameDigest.sha256(png), png.length, accepted));
        String keeper = CoordinatorChoice.secondCopyHolder(self, job.id(), job.submittedBy(), job.coordinator(), transport.members());
        if (keeper != null) transport.send(keeper, new FrameData(null, job.id(), frame, png));
    }

    private void delivered(String jobId, int frame) {
        delivered.computeIfAbsent(jobId, k -> new HashSet<>()).add(frame);
    }

    /** At start: frames stored here before a crash that the job table does not show done. */
    void reportStored(Collection<JobEntry> jobs) {
        for (JobEntry job : jobs) {
            if (job.state().terminal()) continue;
            for (int n : frames.frames(job.id())) {
                FrameRecord f = job.frame(n);
                if (f != null && f.state() != FrameState.DONE && (f.node() == null || self.equals(f.node()))) {
                    delivered(job.id(), n);
                    transport.send(job.coordinator(), new FrameDone(job.id(), n, f.attempts(), self, "", 0, false));
                }
            }
        }
    }

    /** After any change to a job: a new coordinator (a higher epoch) hears of the frames delivered here that it does not show done. */
    void jobChanged(JobEntry job) {
        Long seen = epochs.put(job.id(), job.epoch());
        if (seen == null || seen >= job.epoch()) return;
        for (int n : delivered.getOrDefault(job.id(), Set.of())) {
            FrameRecord f = job.frame(n);
            if (f != null && f.state() != FrameState.DONE && frames.get(job.id(), n).isPresent()) {
                transport.send(job.coordinator(), new FrameDone(job.id(), n, f.attempts(), self, "", 0, false));
            }
        }
    }
}
