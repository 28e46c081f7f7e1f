package io.rendermesh.node.splitting;

import io.rendermesh.protocol.message.MeshMessage.PartView;
import io.rendermesh.protocol.model.FramePart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One frame split across nodes, as its coordinator tracks it: each part's lease and result. Not
 * replicated: a coordinator that takes the job over finds the frame leased to the old coordinator,
 * which left, and splits it again. Confined to the coordinator's loop thread.
 *
 * <p>Every lease of a part gets its own number, {@code frameAttempt * 1000 + n}: the worker's
 * progress, failure and result name it, so a late report of an earlier lease changes nothing.
 */
public final class FrameSplit {
    static final int LEASES_PER_SPLIT = 999;

    public enum PartState { PENDING, RENDERING, DONE, DROPPED }

    /** A finished part's result, a blob on {@code node}. */
    public record Result(String node, String sha256, long size, int passes, boolean accepted) {
    }

    public static final class Part {
        FramePart spec;
        PartState state = PartState.PENDING;
        String node;
        String site;
        int lease;
        int passesDone;
        int failures;
        long heardAtMillis;
        Result result;

        Part(FramePart spec) {
            this.spec = spec;
        }

        public FramePart spec() {
            return spec;
        }

        public PartState state() {
            return state;
        }

        public String node() {
            return node;
        }

        public int lease() {
            return lease;
        }

        public int failures() {
            return failures;
        }

        public Result result() {
            return result;
        }
    }

    private final String jobId;
    private final int frame;
    private final int frameAttempt;
    private final SplitPlan.Way way;
    private final List<Part> parts = new ArrayList<>();
    private int leases;
    private boolean accepting;
    private boolean merging;

    public FrameSplit(String jobId, int frame, int frameAttempt, SplitPlan.Way way, List<FramePart> specs) {
        this.jobId = jobId;
        this.frame = frame;
        this.frameAttempt = frameAttempt;
        this.way = way;
        for (FramePart p : specs) parts.add(new Part(p));
    }

    public String jobId() {
        return jobId;
    }

    public int frame() {
        return frame;
    }

    public int frameAttempt() {
        return frameAttempt;
    }

    public SplitPlan.Way way() {
        return way;
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean accepting() {
        return accepting;
    }

    /** The next part waiting for a node, or null. */
    public Part nextPending() {
        if (accepting || merging) return null;
        return parts.stream().filter(p -> p.state == PartState.PENDING).findFirst().orElse(null);
    }

    /** Leases {@code part} to {@code node}; returns its lease number, or -1 when this split has used up its numbers. */
    public int lease(Part part, String node, String site, long now) {
        if (part.state != PartState.PENDING || leases >= LEASES_PER_SPLIT) return -1;
        part.state = PartState.RENDERING;
        part.node = node;
        part.site = site;
        part.lease = frameAttempt * 1000 + (++leases);
        part.passesDone = 0;
        part.heardAtMillis = now;
        return part.lease;
    }


    /** The part rendering under {@code lease} on {@code node}, or null (a stale or forged report). */
    public Part rendering(int lease, String node) {
        for (Part p : parts) {
            if (p.state == PartState.RENDERING && p.lease == lease && p.node.equals(node)) return p;
        }
        return null;
    }

    public boolean progress(int lease, String node, int passesDone, long now) {
        Part p = rendering(lease, node);
        if (p == null) return false;
        p.passesDone = Math.max(0, Math.min(passesDone, p.spec.passes()));
        p.heardAtMillis = now;
        return true;
    }

    public boolean done(int lease, String node, Result result) {
        Part p = rendering(lease, node);
        if (p == null) return false;
        p.state = PartState.DONE;
        p.result = result;
        p.passesDone = result.passes();
        return true;
    }

    /** The lease failed: the part waits for another node. Returns the part, or null when the report is stale. */
    public Part fail(int lease, String node) {
        Part p = rendering(lease, node);
        if (p == null) return null;
        p.failures++;
        requeue(p);
        return p;
    }

    /** The lease was given back (its node's person came back): the part waits for another node, no failure counted. */
    public Part giveBack(int lease, String node) {
        Part p = rendering(lease, node);
        if (p != null) requeue(p);
        return p;
    }

    /** A finished part's result could not be had: it renders again, and the frame is put together once it is back. */
    public void redo(Part part) {
        merging = false;
        part.result = null;
        requeue(part);
        // after an accept nothing more is rendered: the frame is what the other parts have
        if (accepting) part.state = PartState.DROPPED;
    }

    /** True the first time only: the parts are being put together. */
    public boolean startMerge() {
        if (merging) return false;
        merging = true;
        return true;
    }

    /** The parts rendering on nodes that left: they wait for another node (not counted as failures). */
    public List<Part> release(Predicate<String> present) {
        List<Part> released = new ArrayList<>();
        for (Part p : parts) {
            if (p.state == PartState.RENDERING && !present.test(p.node)) {
                requeue(p);
                released.add(p);
            }
        }
        return released;
    }

    /** Parts not heard of for longer than {@code limitMillis}: counted as failures and requeued. */
    public List<Part> expire(long now, long limitMillis) {
        List<Part> expired = new ArrayList<>();
        for (Part p : parts) {
            if (p.state == PartState.RENDERING && now - p.heardAtMillis > limitMillis) {
                p.failures++;
                requeue(p);
                expired.add(p);
            }
        }
        return expired;
    }

    private static void requeue(Part p) {
        p.state = PartState.PENDING;
        p.node = null;
        p.site = null;
        p.passesDone = 0;
    }

    /**
     * Accept the frame as it stands: parts not started are dropped, those rendering stop at their
     * current pass. Returns the parts rendering, whose workers must hear it.
     */
    public List<Part> accept() {
        accepting = true;
        List<Part> running = new ArrayList<>();
        for (Part p : parts) {
            if (p.state == PartState.PENDING) p.state = PartState.DROPPED;
            if (p.state == PartState.RENDERING) running.add(p);
        }
        return running;
    }

    /**
     * A new sample target. By samples: parts wholly beyond it are dropped (those rendering are
     * returned, to be cancelled), and a target past the last part adds parts for the passes
     * missing. By regions every part renders the new target itself.
     */
    public List<Part> retarget(int samples) {
        List<Part> cancelled = new ArrayList<>();
        if (way != SplitPlan.Way.SAMPLES || accepting || merging) return cancelled;
        int end = 0;
        for (Part p : parts) {
            if (p.state == PartState.DROPPED) continue;
            if (p.spec.fromPass() >= samples) {
                if (p.state == PartState.RENDERING) cancelled.add(p);
                p.state = PartState.DROPPED;
                continue;
            }
            end = Math.max(end, p.state == PartState.DONE ? p.spec.fromPass() + p.result.passes() : p.spec.toPass());
        }
        if (samples > end) {
            int extra = samples - end;
            int count = Math.max(1, Math.min(parts.size(), extra / SplitPlan.MIN_PASSES_PER_PART));
            int base = parts.size();
            for (int i = 0; i < count; i++) {
                int from = end + (int) ((long) i * extra / count);
                int to = end + (int) ((long) (i + 1) * extra / count);
                parts.add(new Part(new FramePart(base + i, base + count, from, to, 0, parts.get(0).spec.rowTo())));
            }
        }
        return cancelled;
    }

    /** Every part that counts is done (after an accept: none still rendering, and at least one pass done). */
    public boolean complete() {
        boolean anyDone = false;
        for (Part p : parts) {
            if (p.state == PartState.PENDING || p.state == PartState.RENDERING) return false;
            if (p.state == PartState.DONE && p.result.passes() > 0) anyDone = true;
        }
        return anyDone;
    }

    /** Passes done over all parts (finished and running). */
    public int passesDone() {
        int sum = 0;
        for (Part p : parts) {
            if (p.state == PartState.DONE || p.state == PartState.RENDERING) sum += p.passesDone;
        }
        return way == SplitPlan.Way.REGIONS && !parts.isEmpty() ? sum / Math.max(1, counted()) : sum;
    }

    private int counted() {
        return (int) parts.stream().filter(p -> p.state != PartState.DROPPED).count();
    }

    /** The finished parts' results, in part order. */
    public List<Part> finished() {
        return parts.stream().filter(p -> p.state == PartState.DONE).toList();
    }

    public List<PartView> views() {
        List<PartView> views = new ArrayList<>();
        for (Part p : parts) {
            if (p.state == PartState.DROPPED) continue;
            views.add(new PartView(p.spec, p.node, p.site, p.state.name().toLowerCase(java.util.Locale.ROOT), p.passesDone));
        }
        return views;
    }
}
