package io.rendermesh.node.routing;

import io.rendermesh.node.MeshRequests;
import io.rendermesh.node.coordination.Coordinator;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.routing.SenderRules.KnownJob;
import io.rendermesh.node.samples.SampleRouting;
import io.rendermesh.node.worker.Worker;
import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.ControlReply;
import io.rendermesh.protocol.message.MeshMessage.ControlRequest;
import io.rendermesh.node.jobs.LeaseNumbers;
import io.rendermesh.node.splitting.SplitPlan;
import io.rendermesh.protocol.message.MeshMessage.FrameDone;
import io.rendermesh.protocol.message.MeshMessage.FrameFailed;
import io.rendermesh.protocol.message.MeshMessage.FrameProgress;
import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.message.MeshMessage.JobSnapshot;
import io.rendermesh.protocol.message.MeshMessage.ResourcesAnnounce;
import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.message.MeshMessage.SnapshotRequest;
import io.rendermesh.protocol.message.MeshMessage.WatchInterest;
import io.rendermesh.protocol.message.MeshMessage.WorkDenied;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.message.MeshMessage.WorkerCommand;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.Identifiers;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every mesh message lands, with the rule for who may send it ({@link SenderRules}): one
 * branch per message type, checked before any state is touched. Runs on the node's loop.
 */
public final class MessageRouter {
    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);
    /** After partitions merge, the side with the higher epoch may take a job over for this long. */
    static final long MERGE_WINDOW_MILLIS = 30_000;
    static final long MAX_WATCH_MILLIS = 5 * 60_000;

    /** The node's parts that messages land in. */
    public record Targets(JobTable table, Coordinator coordinator, Worker worker, SampleRouting samples,
                          MeshRequests requests, ResourceMap resources, Runnable resourcesChanged,
                          io.rendermesh.node.admission.Admissions admissions, io.rendermesh.node.sites.SiteDirectory sites,
                          io.rendermesh.node.sites.HomeSide home, io.rendermesh.node.sites.TakenWork taken,
                          io.rendermesh.node.sites.BridgeFiles files, io.rendermesh.node.desk.Desk desk,
                          io.rendermesh.node.cleanup.JobCleanup cleanup) {
    }

    private final String self;
    private final Targets t;
    private final MeshTransport transport;
    private final Clock clock;
    private final RejectedMessages rejected;
    private final Supplier<List<String>> members;
    /**
     * When the last merge happened. A node's own start counts as one: a restarted coordinator
     * takes its successor's higher epoch as the other side of a merge would. (Long.MIN_VALUE here
     * once overflowed in {@link #merging} and kept the window open for good.)
     */
    private long mergedAt;

    public MessageRouter(String self, Targets targets, MeshTransport transport, Clock clock, RejectedMessages rejected) {
        this.self = self;
        this.t = targets;
        this.transport = transport;
        this.clock = clock;
        this.rejected = rejected;
        this.members = transport::members;
        this.mergedAt = clock.millis();
    }

    /** A view with {@code merged}: partitions healed, coordinators on both sides may claim a job for a while. */
    public void viewChanged(boolean merged) {
        if (merged) mergedAt = clock.millis();
    }

    public void route(String from, MeshMessage m) {
        String refusal;
        try {
            refusal = apply(from, m);
        } catch (RuntimeException e) {
            refusal = "it could not be applied: " + e;
            log.debug("node {}: {} from {} failed", self, m.getClass().getSimpleName(), from, e);
        }
        if (refusal != null) rejected.reject(from, m.getClass().getSimpleName(), refusal);
    }

    /**
     * A message from another site, through the bridge. Only site summaries cross it so far: jobs,
     * frames and files of this site are not for other sites to read or change.
     */
    public void routeFromSite(String site, String node, MeshMessage m) {
        String refusal;
        try {
            refusal = fromSite(site, m);
        } catch (RuntimeException e) {
            refusal = "it could not be applied: " + e;
        }
        if (refusal != null) rejected.reject(site + "/" + node, m.getClass().getSimpleName(), refusal);
    }

    /** What crosses the bridge: site summaries, offered frames, and what comes back of them. */
    private String fromSite(String site, MeshMessage m) {
        if (m instanceof MeshMessage.SiteSummary s) return t.sites().received(site, s);
        if (m instanceof MeshMessage.RemoteOffer o) {
            String id = io.rendermesh.node.sites.TakenWork.localIdOf(o);
            return t.taken().offered(site, o, clock.millis(), t.table().get(id) != null, new java.util.ArrayList<>(t.resources().all()));
        }
        if (m instanceof MeshMessage.RemoteSample s) return t.home().sampleFromSite(site, s);
        if (m instanceof MeshMessage.RemoteFrameDone d) return t.home().frameFromSite(site, d);
        if (m instanceof MeshMessage.SiteDone d) return t.home().siteDoneFromSite(site, d);
        if (m instanceof MeshMessage.RemoteControl c) return t.taken().control(site, c, t.coordinator()::onControl);
        if (m instanceof MeshMessage.OfferTaken o) return t.home().offerTakenFromSite(site, o);
        if (m instanceof MeshMessage.BlobFetch b) return t.files().serve(site, b);
        if (m instanceof MeshMessage.BlobChunk c) return t.files().chunk(site, c);
        return "it does not cross the bridge";
    }

    /** Applies the message if its sender may send it; returns why not otherwise. */
    private String apply(String from, MeshMessage m) {
        if (!Identifiers.isNodeName(from)) return "bad sender name";
        if (m instanceof ResourcesAnnounce a) {
            if (a.resources() == null) return "no resources";
            String bad = SenderRules.claimedName(from, a.resources().name());
            if (bad == null && t.resources().put(a.resources())) t.resourcesChanged().run();
            return bad;
        }
        if (m instanceof JobSnapshot s) {
            if (s.job() == null) return "no job";
            String bad = SenderRules.snapshot(from, s.job(), known(s.job().id()), members.get(), merging());
            if (bad != null) return bad;
            JobEntry before = t.table().get(s.job().id());
            JobRecord mine = t.coordinator().coordinates(before) ? before.toRecord() : null;
            // the other side of a healed partition won this job: what this side did meanwhile goes to it
            if (t.table().applySnapshot(s.job()) && mine != null && !self.equals(s.job().coordinator())) {
                t.coordinator().handOver(mine, s.job().coordinator());
            }
            return null;
        }
        if (m instanceof JobDelta d) return delta(from, d);
        if (m instanceof SnapshotRequest r) {
            String bad = checkJobRequest(from, r.fromNode(), r.jobId());
            JobEntry job = bad == null ? t.table().get(r.jobId()) : null;
            if (t.coordinator().coordinates(job)) transport.send(from, new JobSnapshot(job.toRecord()));
            return bad;
        }
        if (m instanceof WorkRequest r) {
            String bad = checkJobRequest(from, r.node(), r.jobId());
            if (bad == null) t.coordinator().onWorkRequest(r);
            return bad;
        }
        if (m instanceof WorkGrant g) {
            String bad = SenderRules.fromCoordinator(from, known(g.jobId()));
            if (bad == null) t.worker().onGrant(g);
            return bad;
        }
        if (m instanceof WorkDenied d) {
            String bad = SenderRules.fromCoordinator(from, known(d.jobId()));
            if (bad == null) t.worker().onDenied(d);
            return bad;
        }
        if (m instanceof WorkerCommand c) {
            String bad = SenderRules.fromCoordinator(from, known(c.jobId()));
            if (bad == null) t.worker().onCommand(c);
            return bad;
        }
        if (m instanceof FrameProgress p) {
            String bad = LeaseNumbers.isSide(p.attempt()) ? partReport(from, p.node(), p.jobId())
                    : frameReport(from, p.node(), p.jobId(), p.frame(), false);
            if (bad == null) t.coordinator().onProgress(p);
            return bad;
        }
        if (m instanceof FrameDone d) {
            // a straggler's copy reports under its own lease, which the coordinator checks
            String bad = LeaseNumbers.isCopy(d.attempt()) ? partReport(from, d.node(), d.jobId())
                    : frameReport(from, d.node(), d.jobId(), d.frame(), true);
            if (bad == null) t.coordinator().onFrameDone(d);
            return bad;
        }
        if (m instanceof MeshMessage.FrameHandback h) {
            var w = h.work();
            if (w == null || !Identifiers.isSha256(w.sha256()) || w.passes() < 1 || w.size() < 0) return "bad handback";
            String bad = frameReport(from, w.node(), h.jobId(), h.frame(), false);
            if (bad == null) t.coordinator().onFrameHandback(h, from);
            return bad;
        }
        if (m instanceof FrameFailed f) {
            String bad = LeaseNumbers.isSide(f.attempt()) ? partReport(from, f.node(), f.jobId())
                    : frameReport(from, f.node(), f.jobId(), f.frame(), false);
            if (bad == null) t.coordinator().onFrameFailed(f);
            return bad;
        }
        if (m instanceof MeshMessage.PartDone d) {
            if (!Identifiers.isSha256(d.sha256()) || d.size() < 0 || d.passes() < 1) return "bad part result";
            String bad = partReport(from, d.node(), d.jobId());
            if (bad == null) t.coordinator().onPartDone(d);
            return bad;
        }
        if (m instanceof MeshMessage.FrameParts p) {
            String bad = SenderRules.fromCoordinator(from, known(p.jobId()));
            JobEntry job = t.table().get(p.jobId());
            if (bad == null && (job == null || !job.hasFrame(p.frame()) || p.parts().size() > 2 * SplitPlan.MAX_PARTS)) bad = "bad frame parts";
            if (bad == null) {
                job.parts(p.frame(), p.parts());
                t.worker().onJobChanged(job); // a part waiting again is work to ask for
            }
            return bad;
        }
        if (m instanceof MeshMessage.MergeClaim c) {
            String bad = SenderRules.mergeClaim(from, c, known(c.jobId()), merging());
            if (bad == null) t.coordinator().onMergeClaim(c);
            return bad;
        }
        if (m instanceof MeshMessage.JobsDeleted d) {
            String bad = SenderRules.claimedName(from, d.fromNode());
            return bad != null ? bad : t.cleanup().onDeleted(from, d);
        }
        if (m instanceof MeshMessage.PreviewFetch pf) {
            String bad = checkJobRequest(from, pf.fromNode(), pf.jobId());
            if (bad == null) {
                MeshMessage.Sample latest = t.samples().latest(pf.jobId(), pf.frame()).orElse(null);
                transport.send(from, new MeshMessage.PreviewReply(pf.requestId(), latest));
            }
            return bad;
        }
        if (m instanceof MeshMessage.PreviewReply r) return t.requests().previewAnswered(from, r);
        if (m instanceof MeshMessage.NodeControl n) {
            String bad = SenderRules.claimedName(from, n.fromNode());
            if (bad == null && !self.equals(n.node())) bad = "node input for " + n.node() + " sent to " + self;
            if (bad == null) {
                String refused = t.desk().control(n.action(), n.value());
                log.info("node {}: desk input {} {} from {}{}", self, n.action(), n.value() == null ? "" : n.value(), from,
                        refused == null ? "" : " refused: " + refused);
                var outcome = refused == null ? ControlOutcome.accepted() : ControlOutcome.badInput(refused);
                transport.send(from, new ControlReply(n.requestId(), outcome.kind().name(), outcome.error()));
            }
            return bad;
        }
        if (m instanceof ControlRequest c) {
            String bad = checkJobRequest(from, c.fromNode(), c.jobId());
            if (bad == null) {
                var outcome = t.coordinator().onControl(c);
                transport.send(from, new ControlReply(c.requestId(), outcome.kind().name(), outcome.error()));
            }
            return bad;
        }
        if (m instanceof Sample s) return sample(from, s);
        if (m instanceof WatchInterest w) {
            String bad = checkJobRequest(from, w.node(), w.jobId());
            if (bad == null) t.samples().interest(new WatchInterest(w.jobId(), w.node(),
                    Math.min(w.untilMillis(), clock.millis() + MAX_WATCH_MILLIS)));
            return bad;
        }
        // the site master's summary for the other sites reaches this site's members too
        if (m instanceof MeshMessage.SiteSummary) return null;
        // what another site sent home, passed on by this site's bridge node (only it may)
        if (m instanceof MeshMessage.RemoteSample || m instanceof MeshMessage.RemoteFrameDone || m instanceof MeshMessage.SiteDone
                || m instanceof MeshMessage.OfferTaken) {
            if (!from.equals(transport.siteMaster())) return "only this site's bridge node passes on what other sites send";
            if (m instanceof MeshMessage.RemoteSample s) return t.home().sample(s);
            if (m instanceof MeshMessage.RemoteFrameDone d) return t.home().frame(d);
            if (m instanceof MeshMessage.OfferTaken o) return t.home().offerTaken(o);
            return t.home().siteDone((MeshMessage.SiteDone) m);
        }
        if (m instanceof MeshMessage.TakenJob tj) return t.taken().known(from, tj);
        if (m instanceof MeshMessage.JoinPending p) return t.admissions().pending(from, p);
        if (m instanceof MeshMessage.JoinApproved a) return t.admissions().approved(from, a);
        if (m instanceof MeshMessage.JoinClosed c) return t.admissions().closed(from, c);
        return t.requests().onMessage(from, m, this::known);
    }

    private String delta(String from, JobDelta d) {
        JobEntry job = t.table().get(d.jobId());
        String bad = SenderRules.delta(from, d.jobId(), d.epoch(), known(job), members.get());
        if (bad != null) return bad;
        if (job != null) {
            for (FrameRecord f : d.frames()) {
                if (!job.hasFrame(f.frame())) return "job " + d.jobId() + " has no frame " + f.frame();
            }
        }
        if (t.table().applyDelta(d) == JobTable.DeltaResult.GAP) transport.send(from, new SnapshotRequest(d.jobId(), self));
        return null;
    }

    private String sample(String from, Sample s) {
        String bad = SenderRules.claimedName(from, s.node());
        if (bad != null) return bad;
        JobEntry job = t.table().get(s.jobId());
        FrameRecord f = job == null ? null : job.frame(s.frame());
        if (s.part() != null) {
            // a part's sample: the frame is leased to the coordinator, and the parts name their nodes
            String bad2 = f == null ? null : SenderRules.partSample(from, f, job.coordinator(), job.parts(s.frame()));
            if (bad2 != null) return bad2;
        } else if (f != null && f.node() != null && !from.equals(f.node())) {
            // a sample may overtake the lease's delta on its way here: only a frame held by another node is refused
            return SenderRules.frameReport(from, f, false);
        }
        if (f != null) t.samples().received(s);
        return null;
    }

    private String frameReport(String from, String claimed, String jobId, int frame, boolean done) {
        String bad = SenderRules.claimedName(from, claimed);
        if (bad != null) return bad;
        JobEntry job = t.table().get(jobId);
        if (job == null) return "unknown job " + jobId;
        if (!t.coordinator().coordinates(job)) return null; // the coordinator changed under the report: not ours to judge
        return SenderRules.frameReport(from, job.frame(frame), done);
    }

    /** A report about a part of a split frame: the coordinator checks the lease and its node itself. */
    private String partReport(String from, String claimed, String jobId) {
        String bad = SenderRules.claimedName(from, claimed);
        if (bad != null) return bad;
        return t.table().get(jobId) == null ? "unknown job " + jobId : null;
    }

    private String checkJobRequest(String from, String claimed, String jobId) {
        String bad = SenderRules.claimedName(from, claimed);
        if (bad != null) return bad;
        return Identifiers.isJobId(jobId) ? null : "bad job id";
    }

    private boolean merging() {
        return clock.millis() - mergedAt < MERGE_WINDOW_MILLIS;
    }

    private KnownJob known(String jobId) {
        return known(jobId == null ? null : t.table().get(jobId));
    }

    private static KnownJob known(JobEntry job) {
        return job == null ? null : new KnownJob(job.coordinator(), job.epoch());
    }
}
