package io.rendermesh.node.scheduling;

import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobState;
import java.util.Set;

/** What the scheduler needs to know of a job to rank it: counts, not frames. */
public record JobLoad(String jobId, JobProfile profile, JobState state, int priority, long createdAtMillis,
                      int pendingFrames, int inFlightFrames, Set<String> blockedNodes) {
}
