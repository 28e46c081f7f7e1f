package io.rendermesh.node;

import io.rendermesh.node.admission.Admissions;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.cleanup.JobCleanup;
import io.rendermesh.node.cleanup.Tombstones;
import io.rendermesh.node.coordination.Coordinator;
import io.rendermesh.node.desk.Desk;
import io.rendermesh.node.events.LocalEventBus;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.jobs.JournalQueue;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.membership.SeedList;
import io.rendermesh.node.metrics.NodeMetrics;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.resources.LocalResources;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.resources.SelfEntry;
import io.rendermesh.node.routing.MessageRouter;
import io.rendermesh.node.routing.RejectedMessages;
import io.rendermesh.node.samples.SampleRelay;
import io.rendermesh.node.samples.SampleRouting;
import io.rendermesh.node.sites.BridgeFiles;
import io.rendermesh.node.sites.HomeSide;
import io.rendermesh.node.sites.SiteDirectory;
import io.rendermesh.node.sites.TakenWork;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.node.worker.Worker;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import io.rendermesh.node.splitting.PartFetch;
import io.rendermesh.protocol.model.BundleEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a node and wires them together. All job-table,
 * coordinator and worker state lives on one thread, the node's loop; the transport, the HTTP
 * API ({@link NodeService}) and the render threads hand their work to it. Mesh messages land in
 * the {@link MessageRouter}, which checks who sent them.
 */
public final class MeshNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeshNode.class);
    static final long JOURNAL_FLUSH_MILLIS = 250;
    static final long MERGE_SETTLE_MILLIS = 2_000;
    static final long JOIN_SETTLE_MILLIS = 500;
    static final long TICK_MILLIS = 1_000;

    private final NodeConfig config;
    private final NodeParts parts;
    private final String self;
    private final NodeLoop loop;
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("io"));
    private final ExecutorService renderPool;
    private final LocalEventBus events = new LocalEventBus();
    private final ResourceMap resources = new ResourceMap();
    private final RejectedMessages rejected;
    private final JobTable table;
    private final Coordinator coordinator;
    private final Worker worker;
    private final SampleRelay relay;
    private final SampleRouting samples;
    private final RendererRegistry renderers;
    private final MeshRequests requests;
    private final JobFiles jobFiles;
    private final JournalQueue journalQueue;
    /** The members of the previous view, on the loop. */
    private List<String> lastView = List.of();
    private final SelfEntry selfEntry;
    private volatile Desk desk;
    private final MessageRouter router;
    private final Admissions admissions;
    private final SiteDirectory sites;
    private final HomeSide home;
    private final TakenWork taken;
    private final BridgeFiles bridgeFiles;
    private final NodeService service;
    private final JobCleanup cleanup;
    private final NodeMetrics metrics = new NodeMetrics();
    private volatile boolean closed;

    private MeshNode(NodeConfig config, NodeParts parts) {
        this.config = config;
        this.parts = parts;
        this.self = config.name();
        this.loop = new NodeLoop(self, Executors.newSingleThreadScheduledExecutor(daemon("mesh-loop-" + self)));
        this.renderPool = Executors.newFixedThreadPool(config.effectiveSlots(), daemon("render-" + self));
        this.renderers = new RendererRegistry(parts.renderers(), config.renderers());
        this.rejected = new RejectedMessages(self);
        this.journalQueue = new JournalQueue(parts.journal());
        this.table = new JobTable(parts.clock(), events::publish, this::jobChanged);
        this.samples = new SampleRouting(self, parts.transport(), events, parts.clock(), loop.executor(), this::frameOf);
        this.coordinator = new Coordinator(self, config.site(), table, resources, parts.transport(), parts.clock());
        this.requests = new MeshRequests(self, parts.transport(), parts.frames(), parts.blobs(), io, (jobId, frame) -> {
            FrameRecord f = frameOf(jobId, frame);
            if (f == null) return null;
            // a frame rendered at another site is pushed here by the job's coordinator, which received it
            return f.site() != null && !f.site().equals(config.site()) ? table.get(jobId).coordinator() : f.node();
        });
        this.jobFiles = parts.jobFiles().apply(requests.blobChannel(node -> Optional.ofNullable(resources.get(node))
                .map(NodeResources::blobAddress)));
        this.relay = new SampleRelay(self, 480, samples::send);
        Worker[] w = new Worker[1];
        this.selfEntry = new SelfEntry(LocalResources.describe(self, "", config.site(), renderers.installed(), config.tags(),
                config.effectiveSlots(), null, jobFiles.blobEndpoint()), parts.transport(), resources, loop.executor(),
                () -> w[0].busySlots(), busy -> desk == null ? (busy > 0 ? NodeState.BUSY : NodeState.IDLE) : desk.state(busy));
        this.worker = new Worker(self, config.effectiveSlots(), table, parts.transport(), renderers, parts.frames(),
                jobFiles, relay, parts.clock(), loop.executor(), renderPool, selfEntry::get, selfEntry::loadChanged);
        w[0] = worker;
        // a split frame's parts are blobs on the nodes that rendered them; the frame is put together off the loop
        coordinator.splitting(new PartFetch() {
            @Override
            public java.util.concurrent.CompletableFuture<byte[]> fetch(String node, String sha256, long size) {
                return jobFiles.blob(new BundleEntry("part", sha256, size), List.of(node));
            }

            @Override
            public void drop(String sha256) {
                jobFiles.drop(sha256);
            }
        }, parts.frames(), loop.executor(), io);
        worker.splitHere(coordinator::holdsSplit);
        this.desk = new Desk(self, parts.idle(), config.desk().renderWhen(), config.desk().idleMinutes(), worker::giveBack,
                selfEntry::stateChanged);
        worker.limitSlots(() -> desk.usableSlots(config.effectiveSlots(), selfEntry.get().cores()));
        worker.measure(metrics);
        // counted when scraped, on the loop that owns the table: nothing to keep in step between scrapes
        metrics.gauge("rendermesh_frames_queued", "frames waiting for a slot in the jobs this node knows", () -> loop.call(() -> table.all()
                .stream().filter(j -> !j.state().terminal()).mapToInt(j -> j.count(FrameState.PENDING)).sum()));
        metrics.gauge("rendermesh_slots_busy", "this node's slots rendering now", () -> selfEntry.get().busySlots());
        metrics.gauge("rendermesh_slots", "this node's slots", () -> selfEntry.get().slots());
        metrics.total("rendermesh_blob_bytes_served_total", "bytes of job files this node streamed to peers", jobFiles::bytesServed);
        metrics.total("rendermesh_mesh_messages_refused_total", "mesh messages refused by their sender checks", rejected::total);
        this.admissions = new Admissions(self, parts.transport(), loop.executor(), parts.admission());
        this.sites = new SiteDirectory(config.site(), parts.clock(), gatewayHosts(config));
        this.home = new HomeSide(self, config.site(), table, resources, parts.transport(), samples, parts.frames(), events::publish,
                () -> sites.sites(resources.all(), null, parts.transport().sites()), parts.clock());
        this.bridgeFiles = new BridgeFiles(self, parts.transport(), parts.blobs(), table, io,
                (node, b) -> requests.fetchChunk(node, b.sha256(), b.offset(), b.length()), config.dataDir().resolve("bridge-parts"),
                loop.executor(), jobFiles, parts.siteFiles(), sites);
        this.taken = new TakenWork(self, config.site(), parts.transport(), coordinator::create, requests::frame, bridgeFiles,
                loop.executor(), config.maxUploadBytes(), jobId -> {
                    JobEntry job = table.get(jobId);
                    return job == null ? null : job.coordinator();
                });
        samples.onSample(taken::sample);
        samples.heights(jobId -> {
            JobEntry job = table.get(jobId);
            return job == null ? 1 : job.profile().height();
        });
        taken.watchSamplesWith(samples::watch);
        coordinator.forwardControl(home::forwardControl);
        coordinator.siteUp(site -> sites.isUp(site, parts.transport().sites()));
        this.cleanup = new JobCleanup(self, table, parts.journal(), parts.frames(), jobFiles, parts.blobs(), parts.transport(),
                parts.clock(), config.limits().keepJobsDays(),
                new Tombstones(config.sharedLoopback() ? null : config.dataDir().resolve("deleted-jobs")));
        table.refuse(cleanup::deleted);
        this.router = new MessageRouter(self, new MessageRouter.Targets(table, coordinator, worker, samples, requests,
                resources, worker::requestPump, admissions, sites, home, taken, bridgeFiles, desk, cleanup), parts.transport(), parts.clock(), rejected);
        this.service = new NodeService(new NodeService.Parts(config, parts.transport(), loop, table, coordinator, resources,
                new JobSubmission(self, config, parts, renderers, resources::all), parts.journal(), requests, samples, events,
                parts.bundledScenes(), rejected, admissions, sites, this::gateway, parts.clock(), desk, metrics, cleanup));
    }

    /** Starts a node with the real parts and returns once it has joined (or formed) the mesh. */
    public static MeshNode start(NodeConfig config) throws Exception {
        return start(config, ProductionParts.create(config));
    }

    public static MeshNode start(NodeConfig config, NodeParts parts) throws Exception {
        MeshNode node = new MeshNode(config, parts);
        node.startUp();
        return node;
    }

    private void startUp() throws Exception {
        List<JobRecord> journaled = parts.journal().loadAll();
        loop.call(() -> {
            journaled.forEach(table::applySnapshot);
            return null;
        });
        parts.transport().start(new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
                if (!closed) loop.execute(() -> router.route(fromNode, message));
            }

            @Override
            public void onView(List<String> members, boolean merged) {
                if (!closed) loop.execute(() -> viewChanged(members, merged));
            }

            @Override
            public void onSiteMessage(String site, String fromNode, MeshMessage message) {
                if (!closed) loop.execute(() -> router.routeFromSite(site, fromNode, message));
            }
        });
        String address = parts.transport().localAddress();
        loop.execute(() -> selfEntry.update(r -> r.withAddress(address)));
        loop.execute(() -> viewChanged(parts.transport().members(), false));
        loop.execute(worker::reportStoredFrames);
        admissions.start();
        // a gateway streams the files of jobs with frames at other sites to those sites, on the port after its bridge's
        if (parts.siteFiles() != null && config.bridgePort() > 0) {
            try {
                parts.siteFiles().serve(bridgeFiles::streamable, config.bridgePort() + 1);
            } catch (java.io.IOException e) {
                log.warn("node {}: job files cannot stream to other sites ({}); they cross the bridge in chunks", self, e.toString());
            }
        }
        loop.every(TICK_MILLIS, "the housekeeping tick", this::tick);
        loop.every(JOURNAL_FLUSH_MILLIS, "the journal flush", () -> journalQueue.flush(table));
        loop.every(Desk.CHECK_MILLIS, "the desk check", desk::check);
        loop.every(SiteDirectory.SUMMARY_MILLIS, "the site summary", this::summarizeSite);
        log.info("node {} started: mesh {} at {}, site {}, {} slots, renderers {}", self, config.mesh(),
                address, config.site(), config.effectiveSlots(), renderers.installed());
    }

    private void viewChanged(List<String> members, boolean merged) {
        log.info("node {}: view {}{}", self, members, merged ? " (merged)" : "");
        router.viewChanged(merged);
        resources.retain(members);
        // members that were here already have this node's entry: a join costs one message per member, not one per pair
        List<String> joined = members.stream().filter(m -> !lastView.contains(m)).toList();
        boolean toAll = merged || lastView.isEmpty() || joined.contains(self);
        Runnable tell = toAll ? selfEntry::announce : () -> selfEntry.announceTo(joined);
        lastView = List.copyOf(members);
        if (toAll || !joined.isEmpty()) tell.run();
        admissions.viewChanged(members);
        coordinator.onView(members);
        coordinator.republish(new ArrayList<>(table.all()));
        cleanup.viewChanged();
        worker.requestPump();
        // a peer drops what a member sends before it installed the new view itself (JGroups discards
        // messages from outside its view): say it again once every member has the view
        if (toAll || !joined.isEmpty()) loop.later(merged ? MERGE_SETTLE_MILLIS : JOIN_SETTLE_MILLIS, "the announcement after a view", () -> {
            if (closed) return;
            tell.run();
            if (merged) coordinator.republish(new ArrayList<>(table.all()));
        });
    }

    /** The site master tells the other sites what this site offers (a no-op elsewhere). */
    private void summarizeSite() {
        if (!parts.transport().carriesBridge()) return;
        String files = parts.siteFiles() == null ? null : parts.siteFiles().endpoint();
        parts.transport().broadcastToSites(new MeshMessage.SiteSummary(config.site(), gateway(), files,
                new ArrayList<>(resources.all()), parts.clock().millis()));
    }

    /** Where this node's bridge listens, when it is a gateway. */
    private String gateway() {
        if (config.bridgePort() <= 0) return null;
        String address = selfEntry.get().address();
        String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
        return host + ":" + config.bridgePort();
    }

    /** The addresses of the gateways in {@code --bridge}, as literals and as resolved. */
    private static Set<String> gatewayHosts(NodeConfig config) {
        Set<String> hosts = new HashSet<>();
        for (var a : SeedList.parse(config.bridges())) {
            hosts.add(a.getHostString());
            if (a.getAddress() != null) hosts.add(a.getAddress().getHostAddress());
        }
        return hosts;
    }

    private FrameRecord frameOf(String jobId, int frame) {
        JobEntry job = table.get(jobId);
        return job == null ? null : job.frame(frame);
    }

    private void jobChanged(JobEntry job, List<FrameRecord> frames) {
        journalQueue.changed(job, frames);
        samples.jobKnown(job.id(), job.submittedBy());
        worker.onJobChanged(job);
        taken.jobChanged(job);
    }

    void tick() {
        coordinator.tick();
        home.expireOffers();
        home.offer();
        taken.renewSampleWatches();
        cleanup.tick();
        worker.tick();
    }

    /** What people and their tools ask of this node. */
    public NodeApi api() {
        return service;
    }

    public String meshAddress() {
        return parts.transport().localAddress();
    }

    public NodeConfig config() {
        return config;
    }

    /** Where this node's HTTP API listens; published in the resource map. */
    public void setWebUrl(String url) {
        loop.execute(() -> selfEntry.update(r -> r.withWebUrl(url)));
    }

    @Override
    public void close() {
        if (closed) return;
        log.info("node {} leaving the mesh", self);
        try {
            loop.call(() -> {
                selfEntry.leaving();
                worker.stopAll("node " + self + " is shutting down");
                journalQueue.flush(table);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("node {}: unclean shutdown: {}", self, e.toString());
        }
        closed = true;
        admissions.close();
        parts.transport().close();
        relay.close();
        loop.executor().shutdownNow();
        renderPool.shutdownNow();
        io.shutdownNow();
        jobFiles.close();
        closeQuietly(parts.siteFiles());
        parts.journal().close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) c.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", c, e.toString());
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
