package io.rendermesh.node.jobs;

/**
 * Leases beside a frame's own attempts, told apart by their numbers: a part of a split frame
 * ({@code attempt × 1000 + n}, attempts stay under 1000) and a straggler's copy (from
 * {@link #COPY_BASE}). Their state lives with the coordinator, not in the replicated frame.
 */
public final class LeaseNumbers {
    public static final int PART_BASE = 1_000;
    public static final int COPY_BASE = 1_000_000;

    private LeaseNumbers() {
    }

    /** Whether {@code lease} is a part's or a copy's (not the frame's own attempt). */
    public static boolean isSide(int lease) {
        return lease >= PART_BASE;
    }

    public static boolean isPart(int lease) {
        return lease >= PART_BASE && lease < COPY_BASE;
    }

    public static boolean isCopy(int lease) {
        return lease >= COPY_BASE;
    }
}
