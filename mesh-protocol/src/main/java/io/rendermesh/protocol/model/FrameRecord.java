package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The replicated state of one frame of a job. Only the job's coordinator creates new versions
 * (through the frame state machine); everyone else reads them.
 */
public record FrameRecord(
        int frame,
        FrameState state,
        String node,
        String site,
        int attempts,
        int samplesDone,
        int samplesTotal,
        boolean accepted,
        String error,
        @JsonIgnore long leasedAtMillis) {

    public static FrameRecord pending(int frame, int samples) {
        return new FrameRecord(frame, FrameState.PENDING, null, null, 0, 0, samples, false, null, 0);
    }

    public FrameRecord with(FrameState newState, String newNode, String newSite, int newAttempts, long leasedAt) {
        return new FrameRecord(frame, newState, newNode, newSite, newAttempts, 0, samplesTotal, false, null, leasedAt);
    }

    public FrameRecord withProgress(int done, int total) {
        return new FrameRecord(frame, FrameState.RENDERING, node, site, attempts, done, total, accepted, error, leasedAtMillis);
    }
}
