package io.rendermesh.node.jobs;

import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Turns changes of the job table into the events users see (API.md, events). */
final class JobEvents {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobEvents.class);
    private JobEvents() {
    }

    static void frameChanged(String jobId, FrameRecord old, FrameRecord now, long time, Consumer<NodeEvent> out) {
        FrameState was = old == null ? null : old.state();
        if (now.state() == was && now.attempts() == (old == null ? 0 : old.attempts())) return;
        switch (now.state()) {
            case ASSIGNED -> out.accept(new NodeEvent("frame-assigned", jobId, time, data(now,
                    "attempt", now.attempts())));
            case DONE -> out.accept(new NodeEvent("frame-done", jobId, time, data(now,
                    "accepted", now.accepted(), "url", "/api/v1/jobs/" + jobId + "/frames/" + now.frame())));
            case FAILED -> out.accept(new NodeEvent("frame-failed", jobId, time, data(now,
                    "error", String.valueOf(now.error()), "final", true)));
            case PENDING -> {
                if (was != null && was.inFlight() && now.error() != null) {
                    out.accept(new NodeEvent("frame-failed", jobId, time, data(now, "error", now.error(),
                            "final", false, "node", old.node())));
                }
            }
            default -> {
            }
        }
    }

    static void jobChanged(JobEntry job, JobState was, long time, Consumer<NodeEvent> out) {
        if (was == job.state) return;
        // the one INFO line per job state change; frames are DEBUG (a 20,000-frame job is not 20,000 lines)
        log.info("job {} {} ({} of {} frames done)", job.id, job.state.wireName(), job.count(FrameState.DONE), job.frames().size());
        out.accept(new NodeEvent("job-state", job.id, time, Map.of("state", job.state.wireName(),
                "framesDone", job.count(FrameState.DONE), "framesTotal", job.frames().size())));
        if (job.state.terminal()) {
            out.accept(new NodeEvent("job-done", job.id, time, Map.of("state", job.state.wireName(),
                    "framesDone", job.count(FrameState.DONE), "framesTotal", job.frames().size())));
        }
    }

    private static Map<String, Object> data(FrameRecord f, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame", f.frame());
        if (f.node() != null) m.put("node", f.node());
        if (f.site() != null) m.put("site", f.site());
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static void framesChanged(String jobId, List<FrameRecord[]> pairs, long time, Consumer<NodeEvent> out) {
        for (FrameRecord[] p : pairs) frameChanged(jobId, p[0], p[1], time, out);
    }
}
