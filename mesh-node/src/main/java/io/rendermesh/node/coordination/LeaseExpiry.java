package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.protocol.model.FrameRecord;
import java.util.function.Predicate;

/** When a frame's lease has run out, judged at the coordinator's tick: a pure function. */
final class LeaseExpiry {
    private LeaseExpiry() {
    }

    /**
     * The frame's next record if its lease ran out, else null. A frame leased to another site comes
     * back when that site is gone, and fails an attempt when the site said nothing for {@code limit}
     * ms (it cannot bounce between sites forever); a frame leased to a node here fails an attempt when
     * the node said nothing for that long.
     */
    static FrameRecord expired(FrameRecord f, long now, long limit, Predicate<String> siteUp, int maxAttempts) {
        long silent = now - f.leasedAtMillis();
        String remote = FrameTransitions.leasedSite(f);
        if (remote != null) {
            if (!siteUp.test(remote)) return FrameTransitions.release(f, "site " + remote + " is not reachable");
            if (silent <= limit) return null;
            return FrameTransitions.fail(f, f.node(), f.attempts(), "no word from site " + remote + " for " + silent / 1000 + " s", maxAttempts);
        }
        if (!f.state().inFlight() || silent <= limit) return null;
        return FrameTransitions.fail(f, f.node(), f.attempts(), "no progress from " + f.node() + " for " + silent / 1000 + " s", maxAttempts);
    }
}
