package io.rendermesh.node.sites;

import io.rendermesh.node.coordination.CoordinatorChoice;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.samples.SampleRouting;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage.FrameData;
import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.message.MeshMessage.RemoteFrameDone;
import io.rendermesh.protocol.message.MeshMessage.RemoteOffer;
import io.rendermesh.protocol.message.MeshMessage.RemoteSample;
import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.message.MeshMessage.SiteDone;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.SiteInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home site's side of overflow: the coordinator of a job that allows it offers pending frames
 * to other sites when this site has no free capable slot ({@link Overflow}); what comes back
 * through the bridge (samples, finished frames, a site's "done") reaches the job's watchers and
 * its coordinator, which records remote frames under their site and node. Frames leased to a site
 * show as node {@code @site} until they come back, and go back to the home queue if that site
 * goes down or falls silent (the coordinator's tick). On the node's loop.
 */
public final class HomeSide {
    private static final Logger log = LoggerFactory.getLogger(HomeSide.class);

    private final String self;
    private final String site;
    private final JobTable table;
    private final ResourceMap resources;
    private final MeshTransport transport;
    private final SampleRouting samples;
    private final FrameStore frames;
    private final Consumer<NodeEvent> events;
    private final Supplier<List<SiteInfo>> sites;
    private final Clock clock;
    /** Offers not acknowledged yet: id → (site, job, frames, sent at); unanswered ones go back home. */
    private final Map<String, Offer> unacknowledged = new java.util.LinkedHashMap<>();
    static final long OFFER_ACK_MILLIS = 15_000;

    private record Offer(String site, String jobId, List<Integer> frames, long sentAtMillis) {
    }

    public HomeSide(String self, String site, JobTable table, ResourceMap resources, MeshTransport transport, SampleRouting samples,
                    FrameStore frames, Consumer<NodeEvent> events, Supplier<List<SiteInfo>> sites, Clock clock) {
        this.self = self;
        this.site = site;
        this.table = table;
        this.resources = resources;
        this.transport = transport;
        this.samples = samples;
        this.frames = frames;
        this.events = events;
        this.sites = sites;
        this.clock = clock;
    }

    /** Through the bridge: the other site has the offer; the job's coordinator, which made it, hears so. */
    public String offerTakenFromSite(String fromSite, io.rendermesh.protocol.message.MeshMessage.OfferTaken t) {
        if (!fromSite.equals(t.site())) return "it speaks for site " + t.site();
        JobEntry job = t.homeJobId() == null ? null : table.get(t.homeJobId());
        if (job == null) return "no such job";
        if (self.equals(job.coordinator())) return offerTaken(t);
        transport.send(job.coordinator(), t);
        return null;
    }

    /** At the coordinator: an offer it made arrived. */
    public String offerTaken(io.rendermesh.protocol.message.MeshMessage.OfferTaken t) {
        Offer o = unacknowledged.get(t.offerId());
        if (o != null && o.site().equals(t.site())) unacknowledged.remove(t.offerId());
        return null;
    }

    /**
     * Periodic: offers lost on the way (a bridge changing hands drops what crosses it meanwhile)
     * give their frames back to the home queue, from where they are offered again or rendered here.
     */
    public void expireOffers() {
        long now = clock.millis();
        for (var it = unacknowledged.values().iterator(); it.hasNext(); ) {
            Offer o = it.next();
            if (now - o.sentAtMillis() < OFFER_ACK_MILLIS) continue;
            it.remove();
            JobEntry job = table.get(o.jobId());
            if (job == null || !self.equals(job.coordinator())) continue;
            JobTable.Change c = table.change(job);
            for (int n : o.frames()) {
                FrameRecord f = job.frame(n);
                if (o.site().equals(FrameTransitions.leasedSite(f)) && f.state() == FrameState.ASSIGNED) {
                    c.put(FrameTransitions.release(f, "site " + o.site() + " did not answer the offer"));
                }
            }
            publish(c);
            log.info("job {}: site {} did not answer the offer of frames {}; they go back to the queue", o.jobId(), o.site(), o.frames());
        }
    }

    /** Periodic: offer what this site cannot start now. */
    public void offer() {
        List<SiteInfo> known = null;
        for (JobEntry job : table.all()) {
            if (!self.equals(job.coordinator()) || !job.profile().allowRemote()) continue;
            if (job.state() != JobState.PENDING && job.state() != JobState.RUNNING) continue;
            int pending = job.count(FrameState.PENDING);
            if (pending == 0) continue;
            if (known == null) known = sites.get();
            Map<String, Integer> plan = Overflow.plan(job.profile(), pending, resources.all(), known, site, ours());
            for (var e : plan.entrySet()) offer(job, e.getKey(), e.getValue());
        }
    }

    /** What this site's jobs have at each other site: frames offered there, and how many of them render. */
    private Map<String, Overflow.AtSite> ours() {
        Map<String, int[]> count = new java.util.HashMap<>();
        for (JobEntry job : table.all()) {
            if (!self.equals(job.coordinator())) continue;
            for (FrameRecord f : job.frameList()) {
                String at = FrameTransitions.leasedSite(f);
                if (at == null) continue;
                int[] c = count.computeIfAbsent(at, k -> new int[2]);
                c[0]++;
                if (f.state() == FrameState.RENDERING) c[1]++;
            }
        }
        Map<String, Overflow.AtSite> out = new java.util.HashMap<>();
        count.forEach((k, v) -> out.put(k, new Overflow.AtSite(v[0], v[1])));
        return out;
    }

    private void offer(JobEntry job, String to, int count) {
        JobTable.Change c = table.change(job);
        List<Integer> offered = new ArrayList<>();
        for (int n : job.profile().frameList()) {
            if (offered.size() == count) break;
            if (c.put(FrameTransitions.assign(job.frame(n), FrameTransitions.siteLease(to), to, clock.millis()))) offered.add(n);
        }
        publish(c);
        if (offered.isEmpty()) return;
        log.info("job {}: frames {} offered to site {}", job.id(), offered, to);
        String offerId = UUID.randomUUID().toString();
        unacknowledged.put(offerId, new Offer(to, job.id(), offered, clock.millis()));
        transport.sendToSite(to, new RemoteOffer(offerId, site, job.id(), job.profile(), new ArrayList<>(job.manifest()), offered));
    }

    /**
     * Control input the coordinator accepted, passed to the sites rendering frames of the job: a
     * frame action to the one site holding that frame, a job action to every site holding some.
     */
    public void forwardControl(JobEntry job, io.rendermesh.protocol.message.MeshMessage.ControlRequest req) {
        java.util.Set<String> to = new java.util.TreeSet<>();
        for (FrameRecord f : job.frameList()) {
            String at = f.site() != null && f.node() != null && f.node().startsWith("@") ? f.site() : null;
            if (at == null || (req.frame() != null && f.frame() != req.frame())) continue;
            to.add(at);
        }
        for (String s : to) {
            transport.sendToSite(s, new io.rendermesh.protocol.message.MeshMessage.RemoteControl(job.id(), req.action(), req.frame(), req.value()));
        }
    }

    /** @return why a message about a remote frame is refused, or null when the frame is leased to {@code from} */
    private String leasedTo(String fromSite, String jobId, int frame) {
        JobEntry job = jobId == null ? null : table.get(jobId);
        if (job == null || !job.hasFrame(frame)) return "no such frame";
        FrameRecord f = job.frame(frame);
        if (!fromSite.equals(FrameTransitions.leasedSite(f))) return "frame " + frame + " of job " + jobId + " is not leased to site " + fromSite;
        return null;
    }

    /** A pass that arrives after its frame came home: nothing to show, nothing wrong. */
    private boolean alreadyHome(String fromSite, String jobId, int frame) {
        JobEntry job = jobId == null ? null : table.get(jobId);
        FrameRecord f = job == null || !job.hasFrame(frame) ? null : job.frame(frame);
        return f != null && f.state() == FrameState.DONE && fromSite.equals(f.site());
    }

    /** Through the bridge (this node carries it): pass the sample on to every node here, then show it. */
    public String sampleFromSite(String fromSite, RemoteSample s) {
        if (alreadyHome(fromSite, s.homeJobId(), s.frame())) return null;
        String bad = !fromSite.equals(s.site()) ? "it speaks for site " + s.site() : leasedTo(fromSite, s.homeJobId(), s.frame());
        if (bad == null) transport.broadcast(s); // this node too: the local copy lands in sample() below
        return bad;
    }

    /** A remote sample passed on by this site's bridge: shown to this node's watchers; its coordinator notes the pass. */
    public String sample(RemoteSample s) {
        if (alreadyHome(s.site(), s.homeJobId(), s.frame())) return null;
        String bad = leasedTo(s.site(), s.homeJobId(), s.frame());
        if (bad != null) return bad;
        JobEntry job = table.get(s.homeJobId());
        FrameRecord f = job.frame(s.frame());
        samples.received(new Sample(s.homeJobId(), s.frame(), f.attempts(), s.node(), s.pass(), s.passes(), s.mime(), s.image(),
                s.passEndedAtMillis()));
        if (self.equals(job.coordinator())) {
            JobTable.Change c = table.change(job);
            c.put(FrameTransitions.progressRemote(f, s.site(), s.pass(), s.passes(), clock.millis()));
            publish(c);
        }
        return null;
    }

    /**
     * Through the bridge: keep a copy here, and hand it to the job's coordinator (which keeps one
     * too). When this node is the coordinator, a second home node gets a copy as well.
     */
    public String frameFromSite(String fromSite, RemoteFrameDone d) {
        String bad = !fromSite.equals(d.site()) ? "it speaks for site " + d.site() : leasedTo(fromSite, d.homeJobId(), d.frame());
        if (bad != null || d.png() == null) return bad != null ? bad : "no image";
        JobEntry job = table.get(d.homeJobId());
        if (self.equals(job.coordinator())) {
            String result = frame(d);
            String keeper = CoordinatorChoice.secondCopyHolder(self, job.id(), job.submittedBy(), job.coordinator(),
                    transport.members());
            if (result == null && keeper != null) transport.send(keeper, new FrameData(null, d.homeJobId(), d.frame(), d.png()));
            return result;
        }
        keep(d);
        transport.send(job.coordinator(), d);
        return null;
    }

    /** At the coordinator: the frame is home; it counts as done, rendered by the remote node. */
    public String frame(RemoteFrameDone d) {
        String bad = leasedTo(d.site(), d.homeJobId(), d.frame());
        if (bad != null || d.png() == null) return bad != null ? bad : "no image";
        JobEntry job = table.get(d.homeJobId());
        if (!self.equals(job.coordinator())) return null;
        keep(d);
        JobTable.Change c = table.change(job);
        if (c.put(FrameTransitions.finishRemote(job.frame(d.frame()), d.site(), d.node(), d.accepted(), d.samplesDone()))) {
            log.debug("job {} frame {} done on {} at site {}", job.id(), d.frame(), d.node(), d.site());
        }
        publish(c);
        offer(); // a slot there is free again: top it up now rather than at the next tick
        return null;
    }

    /** Records a change of a job this node coordinates and tells the replicas, as the coordinator does. */
    private void publish(JobTable.Change c) {
        JobDelta d = c.commit();
        if (d != null) transport.broadcast(d);
    }

    private void keep(RemoteFrameDone d) {
        try {
            frames.put(d.homeJobId(), d.frame(), d.png());
        } catch (Exception e) {
            log.warn("node {}: cannot keep frame {} of job {} from site {}: {}", self, d.frame(), d.homeJobId(), d.site(), e.toString());
        }
    }

    /** Through the bridge: a site finished its part; its coordinator hears it (passed on once, never bounced). */
    public String siteDoneFromSite(String fromSite, SiteDone d) {
        JobEntry job = d.homeJobId() == null ? null : table.get(d.homeJobId());
        if (job == null || !fromSite.equals(d.site())) return "no such job at this site";
        if (!self.equals(job.coordinator())) {
            transport.send(job.coordinator(), d);
            return null;
        }
        return siteDone(d);
    }

    /** At the coordinator: the home stream says a site finished its part (a site-done event). */
    public String siteDone(SiteDone d) {
        JobEntry job = d.homeJobId() == null ? null : table.get(d.homeJobId());
        if (job == null || !self.equals(job.coordinator())) return null;
        events.accept(new NodeEvent("site-done", job.id(), clock.millis(), Map.of("site", d.site(), "frames", d.frames())));
        log.info("job {}: site {} rendered its {} frames", job.id(), d.site(), d.frames());
        return null;
    }
}
