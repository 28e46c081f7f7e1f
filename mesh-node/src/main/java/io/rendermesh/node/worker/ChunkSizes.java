package io.rendermesh.node.worker;

import java.util.HashMap;
import java.util.Map;

/**
 * How many frames of a job a slot asks for at once. A frame of a second or more comes alone; a
 * shorter one comes in a chunk large enough that the request's round trip is under 5 % of the
 * chunk's work, from what this node measured: its frames' render times per job and its requests'
 * round trips. Confined to the node's loop thread.
 */
final class ChunkSizes {
    static final int MAX = 16;
    static final double ROUND_TRIP_SHARE = 0.05;
    static final double LONG_FRAME_MILLIS = 1_000;
    private static final double WEIGHT = 0.3;

    private final Map<String, Double> frameMillis = new HashMap<>();
    private double roundTripMillis = -1;

    /** The frames to ask for: 1 until this node has rendered a frame of the job. */
    int want(String jobId) {
        Double frame = frameMillis.get(jobId);
        return frame == null || roundTripMillis < 0 ? 1 : frames(frame, roundTripMillis);
    }

    /**
     * Whether a slot whose current short frame just began, with {@code waiting} more frames of the job
     * queued behind it, should ask for the next chunk now: when what it still has to do is less than
     * a frame plus twice the round trip, so a slow answer (the coordinator busy, a core shared by
     * several nodes) still comes before the slot runs dry.
     */
    boolean askAhead(String jobId, int waiting) {
        Double frame = frameMillis.get(jobId);
        if (frame == null || roundTripMillis < 0 || frame >= LONG_FRAME_MILLIS) return waiting == 0;
        return waiting * frame <= frame + 2 * roundTripMillis;
    }

    static int frames(double frameMillis, double roundTripMillis) {
        if (frameMillis >= LONG_FRAME_MILLIS) return 1;
        double n = Math.ceil(Math.max(0, roundTripMillis) / (ROUND_TRIP_SHARE * Math.max(0.1, frameMillis)));
        return (int) Math.max(1, Math.min(MAX, n));
    }

    void rendered(String jobId, long millis) {
        frameMillis.merge(jobId, (double) millis, (old, now) -> old + WEIGHT * (now - old));
        if (frameMillis.size() > 256) frameMillis.clear(); // jobs come and go: a bound, not a cache policy
    }

    void answered(long millis) {
        roundTripMillis = roundTripMillis < 0 ? millis : roundTripMillis + WEIGHT * (millis - roundTripMillis);
    }
}
