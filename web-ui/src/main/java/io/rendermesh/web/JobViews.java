package io.rendermesh.web;

import io.rendermesh.node.api.JobSummary;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.message.MeshMessage.PartView;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobProfileJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        return detail(job, etaSec, Map.of());
    }

    /** @param parts the parts of the frames split across nodes, by frame */
    static Map<String, Object> detail(JobRecord job, Long etaSec, Map<Integer, List<PartView>> parts) {
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
        out.put("frames", parts.isEmpty() ? job.frames() : job.frames().stream().map(f -> frame(f, parts.get(f.frame()), job)).toList());
        return out;
    }

    /** A frame with the parts it renders in, when split across nodes. */
    private static Object frame(FrameRecord f, List<PartView> parts, JobRecord job) {
        if (parts == null || parts.isEmpty()) return f;
        @SuppressWarnings("unchecked")
        Map<String, Object> out = JobProfileJson.mapper().convertValue(f, LinkedHashMap.class);
        List<Map<String, Object>> views = new ArrayList<>();
        for (PartView p : parts) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("part", p.part().index() + 1);
            v.put("node", p.node());
            v.put("site", p.site());
            v.put("state", p.state());
            if (p.part().byRegion(job.profile().height())) {
                v.put("region", Map.of("rowFrom", p.part().rowFrom(), "rowTo", p.part().rowTo()));
                v.put("passesDone", p.passesDone());
            } else {
                v.put("passes", Map.of("from", p.part().fromPass(), "to", p.part().toPass(), "done", p.passesDone()));
            }
            views.add(v);
        }
        out.put("parts", views);
        return out;
    }
}
