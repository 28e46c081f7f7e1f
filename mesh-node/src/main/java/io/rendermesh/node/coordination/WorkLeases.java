package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.scheduling.Capability;
import io.rendermesh.node.scheduling.Placement;
import io.rendermesh.node.scheduling.Stragglers;
import io.rendermesh.node.splitting.SplitPlan;
import io.rendermesh.protocol.message.MeshMessage.Handback;
import io.rendermesh.protocol.message.MeshMessage.WorkDenied;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.NodeResources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a coordinator answers a worker asking for work: a part of a split frame, a frame (several
 * when they are short), or, at the end of a job, a copy of a frame a slow node still renders. A
 * node much slower than the others leaves the last frames to them. Confined to the loop thread.
 */
final class WorkLeases {
    private static final Logger log = LoggerFactory.getLogger(WorkLeases.class);
    /** The most frames one request takes (short frames, see the worker's ChunkSizes). */
    static final int MAX_CHUNK = 16;

    private final JobTable table;
    private final ResourceMap resources;
    private final MeshTransport transport;
    private final Clock clock;
    private final Handbacks handbacks;
    private final SplitFrames splits;
    private final FramePace pace;
    private final FrameCopies copies;
    private final Consumer<JobTable.Change> publish;

    WorkLeases(JobTable table, ResourceMap resources, MeshTransport transport, Clock clock, Handbacks handbacks, SplitFrames splits,
               FramePace pace, FrameCopies copies, Consumer<JobTable.Change> publish) {
        this.table = table;
        this.resources = resources;
        this.transport = transport;
        this.clock = clock;
        this.handbacks = handbacks;
        this.splits = splits;
        this.pace = pace;
        this.copies = copies;
        this.publish = publish;
    }

    void onWorkRequest(JobEntry job, WorkRequest req) {
        NodeResources requester = resources.get(req.node());
        String refusal = Placement.refusal(job.profile(), job.state(), job.load().blockedNodes(), requester);
        if (refusal == null) {
            // one change, one delta to every node, whatever the request gets; its grants follow it
            JobTable.Change c = table.change(job);
            WorkGrant part = splits.lease(job, req.requestId(), requester, c);
            List<WorkGrant> grants = new ArrayList<>();
            if (part != null) {
                grants.add(part);
            } else {
                refusal = slowAtTheEnd(job, req.node());
                // short frames go out several at a time (the worker asks for as many as make its round
                // trip worth it), as long as the other free slots still get their share of what waits
                if (refusal == null && leaseWhole(job, req, requester, c, grants)) {
                    int share = job.count(FrameState.PENDING) / Math.max(1, SplitPlan.freeCapableSlots(job.profile(), resources.all()));
                    for (int extra = Math.min(req.want(), MAX_CHUNK) - 1; extra > 0 && share > 0; extra--, share--) {
                        if (!leaseWhole(job, req, requester, c, grants)) break;
                    }
                }
            }
            publish.accept(c);
            for (WorkGrant g : grants) transport.send(req.node(), g);
            if (!grants.isEmpty()) return;
        }
        if (refusal == null && copy(job, req)) return;
        transport.send(req.node(), new WorkDenied(req.requestId(), req.jobId(), refusal != null ? refusal : "no pending frames"));
    }

    /** Leases the job's next pending frame whole to the requester in {@code chunk}, its grant added to {@code grants}; false when none is pending. */
    private boolean leaseWhole(JobEntry job, WorkRequest req, NodeResources requester, JobTable.Change chunk, List<WorkGrant> grants) {
        int frame = Placement.chooseFrame(job.frameList(), job.pendingSearchStart(), job.epoch());
        if (frame < 0) return false;
        if (job.epoch() % 2 == 0) job.pendingSearchFrom(job.indexOf(frame));
        Handback resume = handbacks.take(job, job.frame(frame));
        FrameRecord leased = FrameTransitions.assign(job.frame(frame), req.node(), requester.site(), clock.millis());
        chunk.put(leased);
        pace.leased(job.id(), frame, clock.millis());
        log.debug("job {} frame {} leased to {} (attempt {}{})", job.id(), frame, req.node(), leased.attempts(),
                resume == null ? "" : ", from pass " + resume.passes() + " of " + resume.node());
        grants.add(new WorkGrant(req.requestId(), job.id(), frame, leased.attempts(), job.samples(), resume, null));
        return true;
    }

    /** Why a node much slower than the others should leave the job's last frames to them, or null. */
    private String slowAtTheEnd(JobEntry job, String node) {
        double mine = pace.of(job.id(), node);
        int pending = job.count(FrameState.PENDING);
        if (mine < 0 || pending == 0) return null;
        int fasterSlots = 0;
        for (String n : pace.fasterThan(job.id(), mine)) {
            NodeResources r = resources.get(n);
            if (r != null && Capability.canRender(job.profile(), r)) fasterSlots += r.slots();
        }
        if (!Stragglers.leaveToFaster(mine, pace.fastest(job.id()), pending, fasterSlots)) return null;
        return "faster nodes finish the last " + pending + " frames sooner";
    }

    /** An idle requester at the end of a job renders a straggler's frame too; false when none is worth it. */
    private boolean copy(JobEntry job, WorkRequest req) {
        double mine = pace.of(job.id(), req.node());
        if (mine < 0) mine = pace.fastest(job.id());
        List<Stragglers.Running> running = new ArrayList<>();
        for (FrameRecord f : job.frameList()) {
            // only frames that render (a frame of a chunk waiting for its slot is not late)
            if (f.state() != FrameState.RENDERING || f.node() == null || FrameTransitions.leasedSite(f) != null) continue;
            if (splits.holds(job.id(), f.frame()) || copies.has(job.id(), f.frame())) continue;
            Long started = pace.startedAt(job.id(), f.frame());
            if (started != null) running.add(new Stragglers.Running(f.frame(), f.node(), started, f.samplesDone(), f.samplesTotal()));
        }
        int frame = Stragglers.frameToCopy(running, req.node(), mine, clock.millis());
        if (frame < 0) return false;
        int lease = copies.start(job.id(), frame, req.node(), clock.millis());
        log.info("job {} frame {}: also rendered on {} ({} is slow to finish it)", job.id(), frame, req.node(), job.frame(frame).node());
        transport.send(req.node(), new WorkGrant(req.requestId(), job.id(), frame, lease, job.samples(), null, null));
        return true;
    }

    /** Nodes left the mesh: their copies are forgotten. */
    void retain(Set<String> present) {
        copies.retain(present);
    }
}
