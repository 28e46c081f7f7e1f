package io.rendermesh.node.coordination;

import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.scheduling.Placement;
import io.rendermesh.protocol.message.MeshMessage.ControlRequest;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import io.rendermesh.protocol.message.MeshMessage.FrameFailed;
import io.rendermesh.protocol.message.MeshMessage.FrameProgress;
import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.message.MeshMessage.JobSnapshot;
import io.rendermesh.protocol.message.MeshMessage.MergeClaim;
import io.rendermesh.protocol.message.MeshMessage.WorkDenied;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.message.MeshMessage.WorkerCommand;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator role for the jobs this node coordinates: leases frames to workers, records
 * their results, applies control input, and takes over the jobs of a coordinator that left.
 * Runs on the node's loop thread; every change goes through the job table and out as one delta.
 */
public final class Coordinator {
    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    static final int FAILURES_BEFORE_BLOCK = 2;
    /** Beyond a frame's own timeout, how long a silent lease is kept before the frame goes elsewhere. */
    static final long LEASE_GRACE_MILLIS = 30_000;

    private final String self;
    private final String site;
    private final JobTable table;
    private final ResourceMap resources;
    private final MeshTransport transport;
    private final Clock clock;
    private final Handbacks handbacks = new Handbacks();
    private final MergeHandover merges = new MergeHandover();
    private final SplitFrames splits;
    private final FramePace pace = new FramePace();
    private final FrameCopies copies = new FrameCopies();
    private final WorkLeases leases;

    public Coordinator(String self, String site, JobTable table, ResourceMap resources, MeshTransport transport, Clock clock) {
        this.self = self;
        this.site = site;
        this.table = table;
        this.resources = resources;
        this.transport = transport;
        this.clock = clock;
        this.splits = new SplitFrames(self, site, table, resources, transport, clock, this::publish);
        this.leases = new WorkLeases(table, resources, transport, clock, handbacks, splits, pace, copies, this::publish);
    }

    /**
     * What putting split frames together needs: fetching the parts' results, the store the frame
     * goes to, the loop, and where the merging runs.
     */
    public void splitting(io.rendermesh.node.splitting.PartFetch fetch, io.rendermesh.node.storage.FrameStore frames,
                          java.util.concurrent.Executor loop, java.util.concurrent.Executor work) {
        splits.wire(fetch, frames, loop, work);
    }

    /** Whether this node holds the frame split across nodes (its lease here is not an orphan). */
    public boolean holdsSplit(String jobId, int frame) {
        return splits.holds(jobId, frame);
    }

    private java.util.function.BiConsumer<JobEntry, ControlRequest> controlForwarder = (job, req) -> { };
    private java.util.function.Predicate<String> siteUp = site -> false;

    /** Whether another site is reachable now (its frames come home when it is not). */
    public void siteUp(java.util.function.Predicate<String> up) {
        this.siteUp = up;
    }

    /** Told every control input this coordinator accepted (the sites rendering some of the job's frames hear it). */
    public void forwardControl(java.util.function.BiConsumer<JobEntry, ControlRequest> forwarder) {
        this.controlForwarder = forwarder;
    }

    public boolean coordinates(JobEntry job) {
        return job != null && self.equals(job.coordinator());
    }

    public void create(JobRecord record) {
        JobEntry job = table.create(record);
        log.info("job {} created by {} ({} frames, renderer {})", job.id(), self, record.frames().size(),
                record.profile().renderer().packageName());
        JobTable.Change c = table.change(job);
        c.pendingReason(Placement.pendingReason(job.profile(), resources.all(), Set.of()));
        publish(c);
        transport.broadcast(new JobSnapshot(job.toRecord()));
    }

    public void onWorkRequest(WorkRequest req) {
        JobEntry job = table.get(req.jobId());
        if (!coordinates(job)) {
            transport.send(req.node(), new WorkDenied(req.requestId(), req.jobId(), "not the coordinator"));
            return;
        }
        leases.onWorkRequest(job, req);
    }

    public void onProgress(FrameProgress p) {
        JobEntry job = table.get(p.jobId());
        if (!coordinates(job) || !job.hasFrame(p.frame())) return;
        JobTable.Change c = table.change(job);
        if (splits.progress(job, p, c)) {
            publish(c);
            return;
        }
        if (io.rendermesh.node.jobs.LeaseNumbers.isCopy(p.attempt())) {
            // a copy's progress counts only once it holds the frame (its first render's node left)
            FrameCopies.Copy copy = copies.of(job.id(), p.frame());
            FrameRecord f = job.frame(p.frame());
            if (copy != null && copy.lease() == p.attempt() && copy.node().equals(p.node()) && p.node().equals(f.node())) {
                c.put(FrameTransitions.progress(f, p.node(), f.attempts(), p.pass(), p.passes(), clock.millis()));
                publish(c);
            }
            return;
        }
        boolean starts = job.frame(p.frame()).state() == io.rendermesh.protocol.model.FrameState.ASSIGNED;
        // a frame's time on its node counts from its first progress: a frame of a chunk waits for its slot first
        if (c.put(FrameTransitions.progress(job.frame(p.frame()), p.node(), p.attempt(), p.pass(), p.passes(), clock.millis())) && starts) {
            pace.leased(job.id(), p.frame(), clock.millis());
        }
        publish(c);
    }

    public void onFrameDone(FrameDone d) {
        JobEntry job = table.get(d.jobId());
        if (!coordinates(job) || !job.hasFrame(d.frame())) return;
        NodeResources worker = resources.get(d.node());
        String workerSite = worker == null ? site : worker.site();
        JobTable.Change c = table.change(job);
        FrameRecord f = job.frame(d.frame());
        if (io.rendermesh.node.jobs.LeaseNumbers.isCopy(d.attempt())) {
            // a straggler's copy finished first: the frame is done, and its first render stops
            if (copies.take(job.id(), d.frame(), d.attempt(), d.node()) != null && c.put(FrameTransitions.finishCopy(f, d.node(), workerSite,
                    d.accepted()))) {
                log.info("job {} frame {}: the copy on {} finished first", job.id(), d.frame(), d.node());
                if (f.state().inFlight() && f.node() != null) transport.send(f.node(), new WorkerCommand(job.id(), f.frame(), f.attempts(), "cancel", 0));
            }
            publish(c);
            return;
        }
        if (c.put(FrameTransitions.finish(f, d.node(), workerSite, d.accepted()))) {
            log.debug("job {} frame {} done on {}{}", job.id(), d.frame(), d.node(), d.accepted() ? " (accepted as is)" : "");
            pace.finished(job.id(), d.frame(), d.node(), clock.millis());
            FrameCopies.Copy copy = copies.drop(job.id(), d.frame());
            if (copy != null) transport.send(copy.node(), new WorkerCommand(job.id(), d.frame(), copy.lease(), "cancel", 0));
        }
        publish(c);
    }

    /** A part of a split frame finished on a worker. */
    public void onPartDone(io.rendermesh.protocol.message.MeshMessage.PartDone d) {
        JobEntry job = table.get(d.jobId());
        if (coordinates(job) && job.hasFrame(d.frame())) splits.done(job, d);
    }

    public void onFrameFailed(FrameFailed f) {
        JobEntry job = table.get(f.jobId());
        if (!coordinates(job) || !job.hasFrame(f.frame())) return;
        JobTable.Change c = table.change(job);
        if (splits.failed(job, f, job.profile().maxAttempts(), c)) {
            publish(c);
            return;
        }
        if (io.rendermesh.node.jobs.LeaseNumbers.isCopy(f.attempt())) {
            // the original renders on; a copy that held the frame (its first render's node left) gives it back
            if (copies.take(job.id(), f.frame(), f.attempt(), f.node()) != null) {
                FrameRecord held = job.frame(f.frame());
                if (held.state().inFlight() && f.node().equals(held.node())) c.put(FrameTransitions.release(held, f.error()));
                publish(c);
            }
            return;
        }
        FrameRecord current = job.frame(f.frame());
        if (!f.countsAsAttempt()) {
            if (current.state().inFlight() && f.node().equals(current.node()) && current.attempts() == f.attempt()) {
                c.put(FrameTransitions.release(current, f.error()));
                log.debug("job {} frame {} released by {}: {}", job.id(), f.frame(), f.node(), f.error());
            }
        } else if (c.put(FrameTransitions.fail(current, f.node(), f.attempt(), f.error(), job.profile().maxAttempts()))) {
            log.info("job {} frame {} failed on {}: {}", job.id(), f.frame(), f.node(), f.error());
            if (recordFailure(job, f.node()) >= FAILURES_BEFORE_BLOCK) {
                c.block(f.node());
                log.info("job {}: node {} blocked after {} failures", job.id(), f.node(), FAILURES_BEFORE_BLOCK);
            }
            c.pendingReason(Placement.pendingReason(job.profile(), resources.all(), job.load().blockedNodes()));
        }
        publish(c);
    }

    /** A worker gave a frame back with the passes it had done: released now, and the next lease carries on from them. */
    public void onFrameHandback(io.rendermesh.protocol.message.MeshMessage.FrameHandback h, String node) {
        JobEntry job = table.get(h.jobId());
        if (!coordinates(job) || !job.hasFrame(h.frame())) return;
        FrameRecord current = job.frame(h.frame());
        if (!current.state().inFlight() || !node.equals(current.node()) || current.attempts() != h.attempt()) return;
        JobTable.Change c = table.change(job);
        FrameRecord released = FrameTransitions.release(current, h.reason());
        c.put(released);
        publish(c);
        // work claiming every pass would make a frame done without one traced by the next node: not carried on
        if (h.work().passes() < job.samples()) handbacks.remember(job.id(), h.frame(), released.attempts(), h.work());
        log.info("job {} frame {} given back by {} after {} passes: {}", job.id(), h.frame(), node, h.work().passes(), h.reason());
    }

    public ControlOutcome onControl(ControlRequest req) {
        JobEntry job = table.get(req.jobId());
        if (job == null) return ControlOutcome.notFound("unknown job " + req.jobId());
        if (!coordinates(job)) return ControlOutcome.retry("coordinator of job " + job.id() + " is changing, retry");
        JobTable.Change c = table.change(job);
        ControlOutcome result = ControlActions.apply(c, req.action(), req.frame(), req.value(), (frame, node) -> {
            // a frame another site renders hears it through the forwarder below; a split frame's parts hear it each
            if (FrameTransitions.leasedSite(frame) == null && !splits.accept(job, frame.frame())) {
                transport.send(node, new WorkerCommand(job.id(), frame.frame(), frame.attempts(), "accept", 0));
            }
        });
        if (result.isAccepted()) controlForwarder.accept(job, req);
        if (result.isAccepted()) log.info("job {} control {} frame={} value={} from {}", job.id(), req.action(), req.frame(), req.value(), req.fromNode());
        boolean changed = publish(c);
        if (result.isAccepted() && "set-samples".equals(req.action())) splits.retarget(job, job.samples());
        // input that changed nothing (a cancel of a finished job) is not handed to the other side of a partition
        if (result.isAccepted() && changed) {
            merges.accepted(job, req, clock.millis());
        }
        return result;
    }

    /** A new view: requeue the frames of departed workers and take over orphaned jobs. */
    public void onView(List<String> members) {
        Set<String> present = new HashSet<>(members);
        for (JobEntry job : table.all()) {
            if (job.state().terminal() && coordinates(job)) continue;
            if (!present.contains(job.coordinator()) && self.equals(CoordinatorChoice.successor(job.id(), members))) {
                takeOver(job, present);
            } else if (coordinates(job)) {
                releaseDeparted(job, present);
            }
        }
    }

    private void takeOver(JobEntry job, Set<String> present) {
        JobRecord r = job.toRecord();
        // what the old coordinator did after this point reaches this node only in a MergeClaim, if ever
        merges.tookOver(r);
        log.info("job {}: taking over as coordinator from {} (epoch {})", job.id(), r.coordinator(), r.epoch() + 1);
        JobRecord mine = new JobRecord(r.id(), r.profile(), r.manifest(), r.submittedBy(), self, r.site(), r.state(),
                r.priority(), r.samples(), r.createdAtMillis(), r.epoch() + 1, 0, r.frames(), r.blockedNodes(), r.pendingReason());
        table.applySnapshot(mine);
        JobEntry fresh = table.get(job.id());
        releaseDeparted(fresh, present);
        transport.broadcast(new JobSnapshot(fresh.toRecord()));
    }

    private void releaseDeparted(JobEntry job, Set<String> present) {
        splits.releaseDeparted(job, present);
        leases.retain(present);
        JobTable.Change c = table.change(job);
        for (int n : job.profile().frameList()) {
            FrameRecord f = job.frame(n);
            if (f.state().inFlight() && FrameTransitions.leasedSite(f) == null && !present.contains(f.node())) {
                FrameRecord released = FrameTransitions.release(f, "node " + f.node() + " left the mesh");
                c.put(released);
                FrameCopies.Copy copy = copies.of(job.id(), n);
                NodeResources copyNode = copy == null ? null : resources.get(copy.node());
                if (copyNode != null) {
                    // a copy renders it already: that node holds the frame now, rather than a third starting over
                    c.put(FrameTransitions.assign(released, copy.node(), copyNode.site(), clock.millis()));
                    log.info("job {} frame {}: node {} left; its copy on {} carries on", job.id(), n, f.node(), copy.node());
                } else {
                    log.info("job {} frame {} requeued: node {} left", job.id(), n, f.node());
                }
            }
        }
        c.pendingReason(job.state().terminal() ? null : Placement.pendingReason(job.profile(), resources.all(), job.load().blockedNodes()));
        publish(c);
    }

    /** Periodic: expire leases that have been silent too long, refresh why jobs wait. */
    public void tick() {
        long now = clock.millis();
        for (JobEntry job : table.all()) {
            if (!coordinates(job) || job.state().terminal()) continue;
            JobTable.Change c = table.change(job);
            long limit = job.profile().timeoutPerFrameSec() * 1000L + LEASE_GRACE_MILLIS;
            splits.tick(job, limit, job.profile().maxAttempts(), c);
            copies.expire(job.id(), now, limit).forEach((frame, copy) ->
                    transport.send(copy.node(), new WorkerCommand(job.id(), frame, copy.lease(), "cancel", 0)));
            if (job.inFlight() > 0) {
                for (int n : job.profile().frameList()) {
                    FrameRecord next = LeaseExpiry.expired(job.frame(n), now, limit, siteUp, job.profile().maxAttempts());
                    if (c.put(next)) log.info("job {} frame {}: lease ended ({})", job.id(), n, next.error());
                }
            }
            c.pendingReason(Placement.pendingReason(job.profile(), resources.all(), job.load().blockedNodes()));
            publish(c);
        }
    }

    /** After a merge or when asked: every job this node coordinates, in full. */
    public void republish(Collection<JobEntry> jobs) {
        for (JobEntry job : jobs) {
            if (coordinates(job)) transport.broadcast(new JobSnapshot(job.toRecord()));
        }
    }

    /**
     * A merged view gave {@code mine}, a job this node coordinated, to {@code winner}: hand it what
     * this side did meanwhile, so that neither side's input is lost.
     */
    public void handOver(JobRecord mine, String winner) {
        MergeClaim claim = merges.claim(mine, self);
        log.info("job {}: {} coordinates it after the partition healed; handing over {} control actions and {} done frames",
                mine.id(), winner, claim.controls().size(), claim.doneFrames().size());
        transport.send(winner, claim);
    }

    /**
     * The other side's coordinator of a job this node won in a merge handed over its side's input.
     * Taken once, from the node this one took the job over from (or, when both sides took it over
     * at one epoch, from the other taker), and only what came after the takeover.
     */
    public void onMergeClaim(MergeClaim claim) {
        JobEntry job = table.get(claim.jobId());
        if (!coordinates(job)) return;
        JobTable.Change c = table.change(job);
        MergeHandover.Merged merged = merges.merge(c, claim, self, clock.millis(), controlForwarder);
        if (merged == null) {
            log.info("job {}: merge claim from {} at epoch {} refused: not the node this one took the job over from, or taken already",
                    job.id(), claim.fromNode(), claim.epoch());
            return;
        }
        publish(c);
        // a frame done on the other side is done: whoever renders it here stops
        for (FrameRecord f : merged.displaced()) {
            if (FrameTransitions.leasedSite(f) == null) transport.send(f.node(), new WorkerCommand(job.id(), f.frame(), f.attempts(), "cancel", 0));
        }
        log.info("job {}: merged {}'s side after the partition: {} control actions applied, {} done frames adopted",
                job.id(), claim.fromNode(), merged.applied(), merged.adopted());
    }

    private int recordFailure(JobEntry job, String node) {
        return job.failuresByNodeIncrement(node);
    }

    /** Returns whether the change changed anything. */
    private boolean publish(JobTable.Change c) {
        JobDelta delta = c.commit();
        if (delta != null) transport.broadcast(delta);
        return delta != null;
    }
}
