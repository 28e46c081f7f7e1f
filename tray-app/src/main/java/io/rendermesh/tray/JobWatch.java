package io.rendermesh.tray;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which jobs submitted from this workstation ended since the last look: each is told once. Jobs
 * that had already ended when the tray started are not told. Pure apart from its memory.
 */
public final class JobWatch {
    /** A job that ended: {@code done}, {@code failed} or {@code cancelled}. */
    public record Ended(String id, String name, String state, int framesDone, int frames) {
        public String message() {
            return "Job " + (name.isBlank() ? id : name) + " " + state + " (" + framesDone + " of " + frames + " frames)";
        }
    }

    private final String node;
    private final Set<String> told = new HashSet<>();
    private boolean first = true;

    public JobWatch(String node) {
        this.node = node;
    }

    /** From {@code GET /jobs}: the jobs submitted on this node that ended since the last call. */
    public List<Ended> ended(JsonNode jobs) {
        List<Ended> out = new ArrayList<>();
        for (JsonNode j : jobs) {
            String state = j.path("state").asText();
            boolean ended = state.equals("done") || state.equals("failed") || state.equals("cancelled");
            if (!ended || !node.equals(j.path("submittedBy").asText()) || !told.add(j.path("id").asText())) continue;
            if (!first) out.add(new Ended(j.path("id").asText(), j.path("name").asText(""), state, j.path("framesDone").asInt(),
                    j.path("framesTotal").asInt()));
        }
        first = false;
        return out;
    }
}
