package io.rendermesh.node.jobs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A job's estimated time left, from the rate at which this node has seen its frames finish
 * (every node sees every job's changes as they happen). Confined to the node's loop thread.
 */
public final class JobEta {
    /** The rate is measured over at most this much of the recent past, so it follows a mesh that grows or shrinks. */
    static final long WINDOW_MILLIS = 120_000;
    static final int MAX_DONE_TIMES = 1_024;
    /** Below this much watching, one frame's timing would say too much. */
    static final long MIN_SPAN_MILLIS = 500;

    /** No frame of the job seen in flight yet (or since a pause). */
    static final long UNSET = Long.MIN_VALUE;

    private final Deque<Long> doneTimes = new ArrayDeque<>();
    private long renderingSince = UNSET;

    /** A frame of the job went in flight at {@code now} (the first one starts the clock). */
    void started(long now) {
        if (renderingSince == UNSET) renderingSince = now;
    }

    /** A frame of the job was seen done at {@code now}. */
    void done(long now) {
        if (renderingSince == UNSET) renderingSince = now;
        doneTimes.addLast(now);
        if (doneTimes.size() > MAX_DONE_TIMES) doneTimes.removeFirst();
    }

    /** Keeps what an older copy of the job had measured (a snapshot replaces the copy, not the history). */
    void continueFrom(JobEta older) {
        if (older == null) return;
        renderingSince = older.renderingSince;
        doneTimes.addAll(older.doneTimes);
    }

    /** A paused job's clock starts again when it resumes: the pause is no rendering time. */
    void paused() {
        renderingSince = UNSET;
        doneTimes.clear();
    }

    /**
     * Seconds left, or null before there is anything to measure.
     *
     * @param remaining frames not done yet (pending or in flight)
     * @param inFlightProgress how far the frames in flight are, in frames (passes done over passes, summed)
     */
    Long seconds(int remaining, double inFlightProgress, long now) {
        return seconds(doneTimes.stream().mapToLong(Long::longValue).toArray(), renderingSince, remaining, inFlightProgress, now);
    }

    /** The estimate itself: frames left over frames finished per second in the window. Pure. */
    static Long seconds(long[] doneTimes, long renderingSince, int remaining, double inFlightProgress, long now) {
        if (remaining <= 0) return 0L;
        if (renderingSince == UNSET) return null;
        long from = Math.max(renderingSince, now - WINDOW_MILLIS);
        long span = now - from;
        int finished = 0;
        for (long t : doneTimes) if (t >= from) finished++;
        if (finished == 0 || span < MIN_SPAN_MILLIS) return null;
        double perMilli = finished / (double) span;
        double left = Math.max(0, remaining - inFlightProgress);
        return Math.round(left / perMilli / 1000.0);
    }
}
