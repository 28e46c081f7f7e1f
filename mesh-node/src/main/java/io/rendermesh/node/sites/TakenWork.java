package io.rendermesh.node.sites;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage.RemoteFrameDone;
import io.rendermesh.protocol.message.MeshMessage.RemoteOffer;
import io.rendermesh.protocol.message.MeshMessage.RemoteSample;
import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.message.MeshMessage.SiteDone;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.JobState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other side of overflow, on the node that carries this site's bridge: frames another site
 * offered run here as a job of this site (this node submits it, so it coordinates it and its
 * samples come here) once the job's files are here ({@link BridgeFiles}), and go home as they
 * finish: samples, then each frame, then "done". On the node's loop.
 */
public final class TakenWork {
    private static final Logger log = LoggerFactory.getLogger(TakenWork.class);

    private record Origin(String site, String jobId, Set<Integer> sent, List<CompletableFuture<Void>> sending) {
    }

    private final String self;
    private final String site;
    private final MeshTransport transport;
    private final Consumer<JobRecord> create;
    private final BiFunction<JobRecord, FrameRecord, CompletableFuture<Optional<byte[]>>> frameBytes;
    private final Map<String, Origin> taken = new HashMap<>();
    private final BridgeFiles files;
    private final java.util.concurrent.Executor loop;
    private final long maxBundleBytes;
    private final java.util.function.Function<String, String> coordinatorOf;
    private Consumer<String> watchSamples = jobId -> { };

    /**
     * @param create     makes a job of this site, coordinated here
     * @param frameBytes a finished frame's PNG from whichever node of this site holds it
     */
    public TakenWork(String self, String site, MeshTransport transport, Consumer<JobRecord> create,
                     BiFunction<JobRecord, FrameRecord, CompletableFuture<Optional<byte[]>>> frameBytes, BridgeFiles files,
                     java.util.concurrent.Executor loop, long maxBundleBytes, java.util.function.Function<String, String> coordinatorOf) {
        this.files = files;
        this.loop = loop;
        this.coordinatorOf = coordinatorOf;
        this.maxBundleBytes = maxBundleBytes;
        this.self = self;
        this.site = site;
        this.transport = transport;
        this.create = create;
        this.frameBytes = frameBytes;
    }

    /**
     * How this node asks its site's workers for a job's samples. The node that took the job is its
     * submitter, so samples come to it anyway; a node that took over as coordinator asks for them.
     */
    public void watchSamplesWith(Consumer<String> watch) {
        this.watchSamples = watch;
    }

    /** On the tick: a watch lapses after a minute, and a long frame may change nothing of its job for longer. */
    public void renewSampleWatches() {
        for (String id : taken.keySet()) {
            if (self.equals(coordinatorOf.apply(id))) watchSamples.accept(id);
        }
    }

    /** Through the bridge: frames of a job at {@code fromSite}. Returns why the offer is refused, or null. */
    public String offered(String fromSite, RemoteOffer o, long now, boolean jobKnown, List<NodeResources> nodes) {
        String bad = OfferCheck.problem(fromSite, o, nodes);
        if (bad != null) return bad;
        JobProfile p = o.profile();
        List<BundleEntry> manifest = o.manifest() == null ? List.of() : o.manifest();
        // only the offered frames are expanded: the home profile's range may be huge
        Set<Integer> frames = new LinkedHashSet<>(o.frames());
        String id = localId(fromSite, o.homeJobId(), o.offerId());
        transport.sendToSite(fromSite, new io.rendermesh.protocol.message.MeshMessage.OfferTaken(o.offerId(), o.homeJobId(), site));
        if (jobKnown || taken.containsKey(id)) return null; // the same offer again
        String list = frames.stream().map(String::valueOf).collect(Collectors.joining(","));
        JobProfile mine = new JobProfile(p.name() + " (site " + fromSite + ")", p.scene(), p.renderer(), list, p.width(), p.height(),
                p.samples(), p.priority(), p.requirements(), p.timeoutPerFrameSec(), p.maxAttempts(), false, p.params(), p.split());
        List<FrameRecord> records = new ArrayList<>();
        for (int n : mine.frameList()) records.add(FrameRecord.pending(n, mine.samples()));
        taken.put(id, new Origin(fromSite, o.homeJobId(), new HashSet<>(), new ArrayList<>()));
        JobRecord job = new JobRecord(id, mine, new ArrayList<>(manifest), self, self, site, JobState.PENDING, mine.priority(),
                mine.samples(), now, 1, 0, records, Set.of(), null);
        // the job runs here once its files are here: only those this site does not cache cross the bridge
        files.fetchMissing(fromSite, manifest, maxBundleBytes).whenComplete((v, e) -> loop.execute(() -> {
            if (e != null) {
                taken.remove(id);
                log.warn("site {}: frames of job {} from site {} not taken: {}", site, o.homeJobId(), fromSite, e.getMessage());
                return;
            }
            create.accept(job);
            transport.broadcast(new io.rendermesh.protocol.message.MeshMessage.TakenJob(id, fromSite, o.homeJobId()));
            log.info("site {}: took {} frames of job {} from site {} as job {}", site, frames.size(), o.homeJobId(), fromSite, id);
        }));
        return null;
    }

    /** Site-local: which home job a job of this site works for, so whichever node coordinates it sends its frames home. */
    public String known(String from, io.rendermesh.protocol.message.MeshMessage.TakenJob t) {
        if (!Identifiers.isJobId(t.jobId()) || !Identifiers.isJobId(t.homeJobId()) || !Identifiers.isNodeName(t.homeSite())) return "bad job ids";
        if (t.homeSite().equals(site)) return "a job of this site cannot work for this site";
        // only the node that took the offer (it coordinates the job it made) says what the job works for
        if (!from.equals(coordinatorOf.apply(t.jobId()))) return "it does not coordinate job " + t.jobId();
        taken.putIfAbsent(t.jobId(), new Origin(t.homeSite(), t.homeJobId(), new HashSet<>(), new ArrayList<>()));
        return null;
    }

    public static String localIdOf(RemoteOffer o) {
        return localId(o.homeSite(), o.homeJobId(), o.offerId());
    }

    /** The same offer always makes the same job here. */
    static String localId(String homeSite, String homeJobId, String offerId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((homeSite + "/" + homeJobId + "/" + offerId).getBytes(StandardCharsets.UTF_8));
            return "r" + HexFormat.of().formatHex(h, 0, 5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Through the bridge: control input for a job of {@code fromSite}, applied to the frames it gave this site. */
    public String control(String fromSite, io.rendermesh.protocol.message.MeshMessage.RemoteControl c,
                          java.util.function.Function<io.rendermesh.protocol.message.MeshMessage.ControlRequest, ?> apply) {
        boolean any = false;
        for (var e : taken.entrySet()) {
            if (!e.getValue().site().equals(fromSite) || !e.getValue().jobId().equals(c.homeJobId())) continue;
            any = true;
            apply.apply(new io.rendermesh.protocol.message.MeshMessage.ControlRequest(null, e.getKey(), c.action(), c.frame(),
                    c.value(), self));
        }
        return any ? null : "no frames of job " + c.homeJobId() + " render here";
    }

    /** A sample that reached this node: if its job works for another site and this node coordinates it, it goes home. */
    public void sample(Sample s) {
        Origin o = taken.get(s.jobId());
        if (o == null || !self.equals(coordinatorOf.apply(s.jobId()))) return;
        transport.sendToSite(o.site(), new RemoteSample(o.jobId(), s.frame(), site, s.node(), s.pass(), s.passes(), s.mime(),
                s.image(), s.passEndedAtMillis()));
    }

    /** A job changed here: finished frames of another site's job go home, then its "done". */
    public void jobChanged(JobEntry job) {
        Origin o = taken.get(job.id());
        if (o == null) return;
        // its coordinator sends frames home: after a takeover that is another node, which may send a frame twice (home keeps one)
        if (!self.equals(job.coordinator())) {
            if (job.state().terminal()) taken.remove(job.id());
            return;
        }
        if (!job.state().terminal()) watchSamples.accept(job.id());
        JobRecord record = job.toRecord();
        for (FrameRecord f : record.frames()) {
            if (f.state() != FrameState.DONE || !o.sent().add(f.frame())) continue;
            o.sending().add(frameBytes.apply(record, f).thenAccept(png -> png.ifPresent(bytes ->
                    transport.sendToSite(o.site(), new RemoteFrameDone(o.jobId(), f.frame(), site, f.node(), f.accepted(), f.samplesDone(), bytes)))));
        }
        if (job.state().terminal() && job.state() != JobState.DONE) {
            taken.remove(job.id()); // failed or cancelled here: home takes its frames back when they fall silent
            return;
        }
        if (job.state() == JobState.DONE) {
            // "done" after the last frame left, so home hears it last
            CompletableFuture.allOf(o.sending().toArray(CompletableFuture[]::new)).whenComplete((v, e) ->
                    transport.sendToSite(o.site(), new SiteDone(o.jobId(), site, record.frames().size())));
            taken.remove(job.id());
        }
    }
}
