package io.rendermesh.node.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to a job, as the SSE stream shows it: {@code type} is the event name
 * (job-state, frame-assigned, sample, frame-done, frame-failed, job-done); {@link #json()} is its data.
 */
public record NodeEvent(String type, String jobId, long time, Map<String, Object> data) {

    public NodeEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The event's data with {@code jobId} and {@code time} included, ready for JSON. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", jobId);
        out.put("time", time);
        out.putAll(data);
        return out;
    }

    /** Several events of a frame may be merged for a slow reader; only the latest sample matters. */
    public boolean coalescable() {
        return "sample".equals(type);
    }
}
