package io.rendermesh.node.scheduling;

import java.util.Collection;

/**
 * The end of a job, as pure functions: a node much slower than the others should not take one of
 * the last frames (a faster node finishes it sooner), and a frame still rendering on a slow node
 * when a fast node falls idle is also started there; the first result wins.
 */
public final class Stragglers {
    /** A copy is worth it when the frame would end this much later than the copy would. */
    public static final double COPY_WHEN_SLOWER_BY = 1.5;
    /** A node this much slower than the fastest leaves the last frames to the faster ones. */
    public static final double SLOW_NODE_FACTOR = 2.0;
    /** A copy must bring the frame's end this much closer, or it only costs a second render. */
    public static final long MIN_SAVING_MILLIS = 100;

    private Stragglers() {
    }

    /**
     * A frame rendering now on {@code node}: {@code done} of {@code total} passes since it began
     * rendering at {@code startedAtMillis} (the projection of its end).
     */
    public record Running(int frame, String node, long startedAtMillis, int done, int total) {
        /** Milliseconds per pass so far, or -1 without a pass to measure by. */
        double perPass(long now) {
            return done < 1 || now <= startedAtMillis ? -1 : (now - startedAtMillis) / (double) done;
        }
    }

    /**
     * Whether a requester whose frames take {@code requesterMillis} should leave the job's last
     * {@code pending} frames to the nodes that render them in {@code fastestMillis}: only when the
     * faster nodes ({@code fasterSlots} slots) can take every one of them.
     */
    public static boolean leaveToFaster(double requesterMillis, double fastestMillis, int pending, int fasterSlots) {
        if (requesterMillis <= 0 || fastestMillis <= 0) return false;
        return requesterMillis > SLOW_NODE_FACTOR * fastestMillis && pending <= fasterSlots;
    }

    /**
     * The frame an idle requester should render as well, or -1. Each frame's end is projected from
     * its passes so far; a frame qualifies when its node takes at least twice the requester's time
     * for a frame at that pace, and a copy started now would end clearly sooner. Of those, the one
     * ending last. A frame with no pass done yet is not judged: there is nothing to project from.
     */
    public static int frameToCopy(Collection<Running> running, String requester, double requesterMillis, long now) {
        if (requesterMillis <= 0) return -1;
        Running best = null;
        double bestLeft = 0;
        for (Running r : running) {
            double perPass = r.perPass(now);
            if (r.node().equals(requester) || perPass < 0 || r.total() <= r.done()) continue;
            boolean slow = perPass * r.total() >= SLOW_NODE_FACTOR * requesterMillis;
            double left = perPass * (r.total() - r.done());
            if (slow && left > COPY_WHEN_SLOWER_BY * requesterMillis && left - requesterMillis >= MIN_SAVING_MILLIS && left > bestLeft) {
                best = r;
                bestLeft = left;
            }
        }
        return best == null ? -1 : best.frame();
    }
}
