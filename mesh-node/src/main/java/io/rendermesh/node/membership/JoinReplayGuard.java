package io.rendermesh.node.membership;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the join nonces this node has accepted within the time window, so a captured join
 * proof is refused when played again. Proofs older (or newer) than the window are refused
 * outright; the memory is bounded by the window and a hard cap.
 */
final class JoinReplayGuard {
    static final long WINDOW_MILLIS = 2 * 60_000;
    static final int MAX_REMEMBERED = 10_000;

    /** nonce (hex) → when it stops mattering; insertion order is expiry order (same window for all) */
    private final Map<String, Long> seen = new LinkedHashMap<>();

    /** @return null when the proof is fresh, else why it is refused */
    synchronized String check(byte[] nonce, long proofTime, long now) {
        if (Math.abs(now - proofTime) > WINDOW_MILLIS) {
            return "its join proof is dated " + (proofTime - now) / 1000 + " s from this node's clock (more than "
                    + WINDOW_MILLIS / 1000 + " s apart: a replay, or set the clocks right)";
        }
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() >= now) break;
            it.remove();
        }
        if (seen.size() >= MAX_REMEMBERED) return "too many joins in the last " + WINDOW_MILLIS / 60_000 + " minutes";
        if (seen.putIfAbsent(HexFormat.of().formatHex(nonce), now + 2 * WINDOW_MILLIS) != null) {
            return "it replayed a join proof already used";
        }
        return null;
    }
}
