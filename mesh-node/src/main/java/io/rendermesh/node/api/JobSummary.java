package io.rendermesh.node.api;

import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;

/** A job as listed by {@code GET /jobs}. */
public record JobSummary(String id, String name, JobState state, int priority, int framesTotal, long framesDone,
                         String coordinator, String submittedBy, String site, String pendingReason) {

    public static JobSummary of(JobRecord job) {
        return new JobSummary(job.id(), job.profile().name(), job.state(), job.priority(), job.frames().size(),
                job.framesDone(), job.coordinator(), job.submittedBy(), job.site(), job.pendingReason());
    }
}
