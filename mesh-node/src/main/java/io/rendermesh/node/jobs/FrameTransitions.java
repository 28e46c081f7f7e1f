package io.rendermesh.node.jobs;

import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;

/**
 * The frame state machine, as pure functions. Each returns the frame's next record, or null when
 * the event does not apply to the frame as it stands (a stale or duplicate report), which callers
 * ignore. Only a job's coordinator applies them.
 *
 * <pre>
 * pending --assign--> assigned --progress--> rendering --finish--> done
 *    ^                    |                      |
 *    +---- fail (attempts left) / release -------+--fail (no attempts left)--> failed
 * any unfinished --cancel--> cancelled;   done/failed/cancelled --reopen--> pending
 * </pre>
 */
public final class FrameTransitions {
    private FrameTransitions() {
    }

    public static FrameRecord assign(FrameRecord f, String node, String site, long now) {
        if (f.state() != FrameState.PENDING) return null;
        return new FrameRecord(f.frame(), FrameState.ASSIGNED, node, site, f.attempts() + 1, 0, f.samplesTotal(),
                false, null, now);
    }

    /** The node a frame leased to another site shows until it comes back: {@code @site} (no node name starts with '@'). */
    public static String siteLease(String site) {
        return "@" + site;
    }

    /** The site a frame in flight is leased to, or null when a node of this site holds it. */
    public static String leasedSite(FrameRecord f) {
        return f.state().inFlight() && f.node() != null && f.node().startsWith("@") ? f.node().substring(1) : null;
    }

    /** Another site reports a pass of a frame leased to it. */
    public static FrameRecord progressRemote(FrameRecord f, String site, int done, int total, long now) {
        if (!site.equals(leasedSite(f))) return null;
        return new FrameRecord(f.frame(), FrameState.RENDERING, f.node(), site, f.attempts(), done, total, false, null, now);
    }

    /** A frame leased to another site came back, rendered by that site's {@code node} (accepted as it stood, or whole). */
    public static FrameRecord finishRemote(FrameRecord f, String site, String node, boolean accepted, int samplesDone) {
        if (!site.equals(leasedSite(f))) return null;
        int done = accepted ? Math.max(1, Math.min(samplesDone, f.samplesTotal())) : f.samplesTotal();
        return new FrameRecord(f.frame(), FrameState.DONE, node, site, f.attempts(), done, f.samplesTotal(), accepted, null,
                f.leasedAtMillis());
    }

    public static FrameRecord progress(FrameRecord f, String node, int attempt, int done, int total, long now) {
        if (!f.state().inFlight() || !node.equals(f.node()) || attempt != f.attempts()) return null;
        return new FrameRecord(f.frame(), FrameState.RENDERING, node, f.site(), f.attempts(), done, total, false,
                null, now);
    }

    /**
     * A worker reports the frame finished. Accepted also from a worker whose lease was released
     * (it finished after all), unless another worker finished it first: the first result wins.
     */
    public static FrameRecord finish(FrameRecord f, String node, String site, boolean accepted) {
        if (f.state() == FrameState.DONE || f.state() == FrameState.CANCELLED) return null;
        if (f.state().inFlight() && !node.equals(f.node())) return null;
        int total = f.samplesTotal();
        int done = accepted ? f.samplesDone() : total;
        return new FrameRecord(f.frame(), FrameState.DONE, node, site, Math.max(1, f.attempts()), done, total,
                accepted, null, f.leasedAtMillis());
    }

    /**
     * A straggler's copy finished before the frame's lease holder (or after that lease was lost):
     * the frame is done, rendered by the copy's node. The first result wins.
     */
    public static FrameRecord finishCopy(FrameRecord f, String node, String site, boolean accepted) {
        if (f.state().terminal()) return null;
        int total = f.samplesTotal();
        return new FrameRecord(f.frame(), FrameState.DONE, node, site, Math.max(1, f.attempts()), accepted ? f.samplesDone() : total,
                total, accepted, null, f.leasedAtMillis());
    }

    /** A render attempt failed: back to pending while attempts remain, else failed for good. */
    public static FrameRecord fail(FrameRecord f, String node, int attempt, String error, int maxAttempts) {
        if (!f.state().inFlight() || !node.equals(f.node()) || attempt != f.attempts()) return null;
        FrameState next = f.attempts() >= maxAttempts ? FrameState.FAILED : FrameState.PENDING;
        return new FrameRecord(f.frame(), next, next == FrameState.FAILED ? node : null, f.site(), f.attempts(), 0,
                f.samplesTotal(), false, error, 0);
    }

    /** The worker left the mesh: the attempt does not count against the frame. */
    public static FrameRecord release(FrameRecord f, String reason) {
        if (!f.state().inFlight()) return null;
        return new FrameRecord(f.frame(), FrameState.PENDING, null, null, Math.max(0, f.attempts() - 1), 0,
                f.samplesTotal(), false, reason, 0);
    }

    public static FrameRecord cancel(FrameRecord f) {
        if (f.state().terminal()) return null;
        return new FrameRecord(f.frame(), FrameState.CANCELLED, f.node(), f.site(), f.attempts(), f.samplesDone(),
                f.samplesTotal(), false, null, 0);
    }

    /** Render the frame again (rerender-frame, or resuming a cancelled frame). */
    public static FrameRecord reopen(FrameRecord f, int samples) {
        if (!f.state().terminal()) return null;
        return FrameRecord.pending(f.frame(), samples);
    }

    /** A new sample target for a frame that has not started. */
    public static FrameRecord retarget(FrameRecord f, int samples) {
        if (f.state() != FrameState.PENDING || f.samplesTotal() == samples) return null;
        return FrameRecord.pending(f.frame(), samples);
    }
}
