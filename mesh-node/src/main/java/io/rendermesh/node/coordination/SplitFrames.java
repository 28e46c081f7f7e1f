package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.scheduling.Placement;
import io.rendermesh.node.splitting.FrameSplit;
import io.rendermesh.node.splitting.FrameSplit.Part;
import io.rendermesh.node.splitting.PartFetch;
import io.rendermesh.node.splitting.PartMerge;
import io.rendermesh.node.splitting.SplitPlan;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage.FrameData;
import io.rendermesh.protocol.message.MeshMessage.FrameFailed;
import io.rendermesh.protocol.message.MeshMessage.FrameParts;
import io.rendermesh.protocol.message.MeshMessage.FrameProgress;
import io.rendermesh.protocol.message.MeshMessage.PartDone;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkerCommand;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.NodeResources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of frames split across nodes. The coordinator leases a split frame to
 * itself, leases its parts to workers, and once every part is in, fetches their results, puts the
 * frame together and stores it: the frame is done on the coordinator. Confined to the loop thread
 * (merging runs on {@code work}, and comes back to the loop).
 */
final class SplitFrames {
    private static final Logger log = LoggerFactory.getLogger(SplitFrames.class);

    private final String self;
    private final String site;
    private final JobTable table;
    private final ResourceMap resources;
    private final MeshTransport transport;
    private final Clock clock;
    private final Consumer<JobTable.Change> publish;
    private final Map<String, Map<Integer, FrameSplit>> splits = new HashMap<>();
    private PartFetch fetch = (node, sha, size) -> CompletableFuture.failedFuture(new IllegalStateException("no part fetch"));
    private FrameStore store;
    private Executor loop = Runnable::run;
    private Executor work = Runnable::run;

    SplitFrames(String self, String site, JobTable table, ResourceMap resources, MeshTransport transport, Clock clock,
                Consumer<JobTable.Change> publish) {
        this.self = self;
        this.site = site;
        this.table = table;
        this.resources = resources;
        this.transport = transport;
        this.clock = clock;
        this.publish = publish;
    }

    void wire(PartFetch partFetch, FrameStore frames, Executor loopExecutor, Executor mergeExecutor) {
        this.fetch = partFetch;
        this.store = frames;
        this.loop = loopExecutor;
        this.work = mergeExecutor;
    }

    /** Whether this node, coordinating the job, holds the frame split across nodes. */
    boolean holds(String jobId, int frame) {
        JobEntry job = table.get(jobId);
        return job != null && self.equals(job.coordinator()) && live(job, frame) != null;
    }

    /**
     * A part for the requester: the next waiting part of a frame split already, or the first part of
     * a frame split now. Null when the job's next frame renders whole.
     */
    WorkGrant lease(JobEntry job, String requestId, NodeResources requester, JobTable.Change c) {
        for (FrameSplit s : prune(job).values()) {
            Part p = s.nextPending();
            if (p != null) return grant(job, s, p, requestId, requester);
        }
        int pending = job.count(FrameState.PENDING);
        int count = SplitPlan.partCount(job.profile(), job.samples(), pending,
                SplitPlan.freeCapableSlots(job.profile(), resources.all()));
        if (count < 2) return null;
        int frame = Placement.chooseFrame(job.frameList(), job.pendingSearchStart(), job.epoch());
        if (frame < 0) return null;
        // part leases are numbered attempt × 1000 + n: a frame leased this often renders whole
        if (job.frame(frame).attempts() >= 998) return null;
        FrameRecord held = FrameTransitions.assign(job.frame(frame), self, site, clock.millis());
        c.put(held);
        SplitPlan.Way way = SplitPlan.way(job.profile().renderer().packageName());
        FrameSplit s = new FrameSplit(job.id(), frame, held.attempts(), way,
                SplitPlan.parts(way, count, job.samples(), job.profile().height()));
        splits.computeIfAbsent(job.id(), k -> new HashMap<>()).put(frame, s);
        log.info("job {} frame {} split into {} parts by {}", job.id(), frame, count, way.name().toLowerCase(java.util.Locale.ROOT));
        return grant(job, s, s.nextPending(), requestId, requester);
    }

    private WorkGrant grant(JobEntry job, FrameSplit s, Part p, String requestId, NodeResources requester) {
        int lease = s.lease(p, requester.name(), requester.site(), clock.millis());
        if (lease < 0) return null;
        publishParts(job, s);
        log.debug("job {} frame {} part {} leased to {} ({})", job.id(), s.frame(), p.spec().index() + 1, requester.name(), lease);
        return new WorkGrant(requestId, job.id(), s.frame(), lease, job.samples(), null, p.spec());
    }

    /** A part's progress; false when the report is not about a part (the caller handles it). */
    boolean progress(JobEntry job, FrameProgress p, JobTable.Change c) {
        if (!io.rendermesh.node.jobs.LeaseNumbers.isPart(p.attempt())) return false;
        FrameSplit s = live(job, p.frame());
        if (s != null && s.progress(p.attempt(), p.node(), p.pass(), clock.millis())) frameProgress(job, s, c);
        return true;
    }

    private void frameProgress(JobEntry job, FrameSplit s, JobTable.Change c) {
        c.put(FrameTransitions.progress(job.frame(s.frame()), self, s.frameAttempt(), s.passesDone(), job.samples(), clock.millis()));
    }

    /** A part finished; once every part is in, the frame is put together. */
    void done(JobEntry job, PartDone d) {
        FrameSplit s = live(job, d.frame());
        if (s == null) return;
        Part p = s.rendering(d.lease(), d.node());
        if (p == null) return;
        // a region renders every pass of the job's target, which set-samples may have raised since the split
        int most = s.way() == SplitPlan.Way.REGIONS ? Math.max(p.spec().passes(), job.samples()) : p.spec().passes();
        if (d.passes() < 1 || d.passes() > most || d.size() > maxPartBytes(job)) return;
        s.done(d.lease(), d.node(), new FrameSplit.Result(d.node(), d.sha256(), d.size(), d.passes(), d.accepted()));
        JobTable.Change c = table.change(job);
        frameProgress(job, s, c);
        publish.accept(c);
        publishParts(job, s);
        if (s.complete()) merge(job, s);
    }

    private static long maxPartBytes(JobEntry job) {
        long pixels = (long) job.profile().width() * job.profile().height();
        return io.rendermesh.node.render.PassCheckpoint.HEADER + pixels * 3 * 8 + 1024 * 1024;
    }

    /**
     * A part's lease failed or was given back ({@code countsAsAttempt} false). A part failing as many
     * times as the job allows attempts fails the frame's split. False when not about a part.
     */
    boolean failed(JobEntry job, FrameFailed f, int maxAttempts, JobTable.Change c) {
        if (!io.rendermesh.node.jobs.LeaseNumbers.isPart(f.attempt())) return false;
        FrameSplit s = live(job, f.frame());
        if (s == null) return true;
        Part p = f.countsAsAttempt() ? s.fail(f.attempt(), f.node()) : s.giveBack(f.attempt(), f.node());
        if (p == null) return true;
        log.info("job {} frame {} part {} {} on {}: {}", job.id(), f.frame(), p.spec().index() + 1,
                f.countsAsAttempt() ? "failed" : "given back", f.node(), f.error());
        if (p.failures() >= maxAttempts) giveUp(job, s, "part " + (p.spec().index() + 1) + " failed " + p.failures() + " times: " + f.error(), c);
        else publishParts(job, s);
        return true;
    }

    /** Parts on nodes that left go back to waiting. */
    void releaseDeparted(JobEntry job, java.util.Set<String> present) {
        for (FrameSplit s : prune(job).values()) {
            if (!s.release(present::contains).isEmpty()) publishParts(job, s);
        }
    }

    /** Periodic: parts not heard of for too long are leased again (or fail the frame). */
    void tick(JobEntry job, long limitMillis, int maxAttempts, JobTable.Change c) {
        for (FrameSplit s : new ArrayList<>(prune(job).values())) {
            List<Part> expired = s.expire(clock.millis(), limitMillis);
            if (expired.isEmpty()) continue;
            Part worst = expired.stream().max(java.util.Comparator.comparingInt(Part::failures)).orElseThrow();
            if (worst.failures() >= maxAttempts) giveUp(job, s, "part " + (worst.spec().index() + 1) + " fell silent", c);
            else publishParts(job, s);
        }
    }

    private void giveUp(JobEntry job, FrameSplit s, String why, JobTable.Change c) {
        cancelRunning(job, s, s.parts().stream().filter(p -> p.state() == FrameSplit.PartState.RENDERING).toList());
        splits.get(job.id()).remove(s.frame());
        job.parts(s.frame(), List.of());
        c.put(FrameTransitions.fail(job.frame(s.frame()), self, s.frameAttempt(), why, job.profile().maxAttempts()));
        log.info("job {} frame {}: split given up ({})", job.id(), s.frame(), why);
    }

    /** accept-frame on a split frame: the parts stop where they are and the frame is put together. False when not split. */
    boolean accept(JobEntry job, int frame) {
        FrameSplit s = live(job, frame);
        if (s == null) return false;
        for (Part p : s.accept()) transport.send(p.node(), new WorkerCommand(job.id(), frame, p.lease(), "accept", 0));
        publishParts(job, s);
        if (s.complete()) merge(job, s);
        return true;
    }

    /** A new sample target: split frames drop or add parts. */
    void retarget(JobEntry job, int samples) {
        for (FrameSplit s : new ArrayList<>(prune(job).values())) {
            cancelRunning(job, s, s.retarget(samples));
            publishParts(job, s);
            if (s.complete()) merge(job, s);
        }
    }

    private void cancelRunning(JobEntry job, FrameSplit s, List<Part> parts) {
        for (Part p : parts) transport.send(p.node(), new WorkerCommand(job.id(), s.frame(), p.lease(), "cancel", 0));
    }

    private void merge(JobEntry job, FrameSplit s) {
        if (!s.startMerge()) return;
        List<Part> parts = s.finished();
        int w = job.profile().width();
        int h = job.profile().height();
        boolean accepted = s.accepting();
        fetchAll(parts, 0, new ArrayList<>()).thenApplyAsync(bytes -> {
            try {
                return s.way() == SplitPlan.Way.SAMPLES ? PartMerge.bySamples(bytes, w, h) : PartMerge.byRegions(bytes, w, h);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, work).whenComplete((png, err) -> loop.execute(() -> {
            Part lost = err == null ? null : missing(parts, err);
            if (lost != null) refetch(job.id(), s, lost, err);
            else merged(job.id(), s, png, accepted, err);
        }));
    }

    /** The parts' bytes, one after the other (each tried twice). */
    private CompletableFuture<List<PartMerge.PartBytes>> fetchAll(List<Part> parts, int i, List<PartMerge.PartBytes> got) {
        if (i == parts.size()) return CompletableFuture.completedFuture(got);
        Part p = parts.get(i);
        FrameSplit.Result r = p.result();
        return fetch.fetch(r.node(), r.sha256(), r.size())
                .exceptionallyCompose(e -> fetch.fetch(r.node(), r.sha256(), r.size()))
                .handle((b, e) -> {
                    if (e != null) throw new MissingPart(p, e);
                    got.add(new PartMerge.PartBytes(p.spec(), b, r.passes()));
                    return got;
                })
                .thenCompose(x -> fetchAll(parts, i + 1, got));
    }

    /** A part whose result could not be fetched (its node left, or lost it). */
    private static final class MissingPart extends RuntimeException {
        final transient Part part;

        MissingPart(Part part, Throwable cause) {
            super(cause.getMessage(), cause);
            this.part = part;
        }
    }

    private static Part missing(List<Part> parts, Throwable err) {
        for (Throwable t = err; t != null; t = t.getCause()) {
            if (t instanceof MissingPart m && parts.contains(m.part)) return m.part;
        }
        return null;
    }

    /** On the loop: a finished part's result is gone: that part renders again, the others stand. */
    private void refetch(String jobId, FrameSplit s, Part lost, Throwable err) {
        JobEntry job = table.get(jobId);
        if (job == null || live(job, s.frame()) != s) return;
        log.info("job {} frame {}: the result of part {} could not be fetched from {} ({}); it renders again", jobId, s.frame(),
                lost.spec().index() + 1, lost.result().node(), rootMessage(err));
        s.redo(lost);
        publishParts(job, s);
        if (s.complete()) merge(job, s);
    }

    /** On the loop: the frame put together (or not: it is split again from the start). */
    private void merged(String jobId, FrameSplit s, byte[] png, boolean accepted, Throwable err) {
        JobEntry job = table.get(jobId);
        if (job == null || !self.equals(job.coordinator())) return;
        FrameRecord f = job.frame(s.frame());
        if (f == null || !f.state().inFlight() || !self.equals(f.node()) || f.attempts() != s.frameAttempt()) return;
        JobTable.Change c = table.change(job);
        if (png != null) {
            try {
                store.put(jobId, s.frame(), png);
            } catch (java.io.IOException e) {
                err = e;
            }
        }
        if (err != null || png == null) {
            c.put(FrameTransitions.release(f, "its parts could not be put together: " + rootMessage(err)));
            log.info("job {} frame {}: parts could not be put together ({}); it renders again", jobId, s.frame(), rootMessage(err));
        } else {
            c.put(FrameTransitions.finish(f, self, site, accepted));
            for (Part p : s.finished()) fetch.drop(p.result().sha256());
            log.debug("job {} frame {} put together from {} parts", jobId, s.frame(), s.finished().size());
            String keeper = CoordinatorChoice.secondCopyHolder(self, jobId, job.submittedBy(), job.coordinator(), transport.members());
            if (keeper != null) transport.send(keeper, new FrameData(null, jobId, s.frame(), png));
        }
        publish.accept(c);
    }

    /** The job's splits that still stand: the frame still leased to this node under the split's attempt. */
    private Map<Integer, FrameSplit> prune(JobEntry job) {
        Map<Integer, FrameSplit> mine = splits.computeIfAbsent(job.id(), k -> new HashMap<>());
        mine.values().removeIf(s -> stale(job, s));
        return mine;
    }

    private FrameSplit live(JobEntry job, int frame) {
        Map<Integer, FrameSplit> mine = splits.get(job.id());
        FrameSplit s = mine == null ? null : mine.get(frame);
        if (s != null && stale(job, s)) {
            mine.remove(frame);
            return null;
        }
        return s;
    }

    private boolean stale(JobEntry job, FrameSplit s) {
        FrameRecord f = job.frame(s.frame());
        return !self.equals(job.coordinator()) || f == null || !f.state().inFlight() || !self.equals(f.node())
                || f.attempts() != s.frameAttempt();
    }

    private void publishParts(JobEntry job, FrameSplit s) {
        var views = s.views();
        job.parts(s.frame(), views);
        transport.broadcast(new FrameParts(job.id(), s.frame(), views));
    }

    private static String rootMessage(Throwable t) {
        if (t == null) return "no image";
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
