package io.rendermesh.web;

import io.rendermesh.node.api.JobSummary;
import io.rendermesh.protocol.model.JobRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of jobs in the REST API (API.md). */
final class JobViews {
    private JobViews() {
    }

    static JobSummary summary(JobRecord job) {
        return JobSummary.of(job);
    }

    /** @param etaSec the job's estimated seconds left, or null */
    static Map<String, Object> detail(JobRecord job, Long etaSec) {
        JobSummary s = JobSummary.of(job);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("state", s.state());
        out.put("priority", s.priority());
        out.put("framesTotal", s.framesTotal());
        out.put("framesDone", s.framesDone());
        out.put("etaSec", etaSec);
        out.put("coordinator", s.coordinator());
        out.put("submittedBy", s.submittedBy());
        out.put("site", s.site());
        out.put("pendingReason", s.pendingReason());
        out.put("samples", job.samples());
        out.put("blockedNodes", job.blockedNodes());
        out.put("profile", job.profile());
        out.put("files", job.manifest());
        out.put("frames", job.frames());
        return out;
    }
}
