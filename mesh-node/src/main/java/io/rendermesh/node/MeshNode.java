package io.rendermesh.node;

import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.coordination.Coordinator;
import io.rendermesh.node.events.EventBus;
import io.rendermesh.node.events.LocalEventBus;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.resources.LocalResources;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.samples.SampleRelay;
import io.rendermesh.node.samples.SampleRouting;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.node.worker.Worker;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.ResourcesAnnounce;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a node and wires them together. All job-table,
 * coordinator and worker state lives on one thread, the node's loop; the transport, the HTTP
 * API and the render threads hand their work to it.
 */
public final class MeshNode implements NodeApi, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeshNode.class);
    static final long JOURNAL_FLUSH_MILLIS = 250;
    static final long ANNOUNCE_DELAY_MILLIS = 100;

    private final NodeConfig config;
    private final NodeParts parts;
    private final String self;
    private final ScheduledExecutorService loop;
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("io"));
    private final ExecutorService renderPool;
    private final LocalEventBus events = new LocalEventBus();
    private final ResourceMap resources = new ResourceMap();
    private final JobTable table;
    private final Coordinator coordinator;
    private final Worker worker;
    private final SampleRelay relay;
    private final SampleRouting samples;
    private final RendererRegistry renderers;
    private final MeshRequests requests;
    private final JobSubmission submission;
    private final JobFiles jobFiles;
    private final Set<String> dirty = new HashSet<>();
    private volatile NodeResources me;
    private volatile boolean announceScheduled;
    private volatile String webUrl;
    private volatile boolean closed;

    private MeshNode(NodeConfig config, NodeParts parts) {
        this.config = config;
        this.parts = parts;
        this.self = config.name();
        this.loop = Executors.newSingleThreadScheduledExecutor(daemon("mesh-loop-" + self));
        this.renderPool = Executors.newFixedThreadPool(config.effectiveSlots(), daemon("render-" + self));
        this.renderers = new RendererRegistry(parts.renderers(), config.renderers());
        this.table = new JobTable(parts.clock(), events::publish, this::jobChanged);
        this.samples = new SampleRouting(self, parts.transport(), events, parts.clock(), loop, (jobId, frame) -> {
            JobEntry job = table.get(jobId);
            return job == null ? null : job.frame(frame);
        });
        this.coordinator = new Coordinator(self, config.site(), table, resources, parts.transport(), parts.clock());
        this.requests = new MeshRequests(self, parts.transport(), parts.frames(), parts.blobs(), io);
        this.jobFiles = parts.jobFiles().apply(requests.blobChannel(node -> Optional.ofNullable(resources.get(node))
                .map(NodeResources::blobAddress)));
        this.relay = new SampleRelay(self, 480, samples::send);
        this.worker = new Worker(self, config.effectiveSlots(), table, parts.transport(), renderers, parts.frames(),
                jobFiles, relay, parts.clock(), loop, renderPool, () -> me,
                this::loadChanged);
        this.submission = new JobSubmission(self, config, parts, renderers, resources::all);
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
        onLoop(() -> {
            journaled.forEach(table::applySnapshot);
            return null;
        });
        me = LocalResources.describe(self, "", config.site(), renderers.installed(), config.tags(),
                config.effectiveSlots(), webUrl, jobFiles.blobEndpoint());
        parts.transport().start(new MeshTransport.MeshListener() {
            @Override
            public void onMessage(String fromNode, MeshMessage message) {
                if (!closed) loop.execute(() -> dispatch(fromNode, message));
            }

            @Override
            public void onView(List<String> members, boolean merged) {
                if (!closed) loop.execute(() -> viewChanged(members, merged));
            }
        });
        me = withAddress(me, parts.transport().localAddress());
        loop.execute(() -> viewChanged(parts.transport().members(), false));
        loop.execute(worker::reportStoredFrames);
        loop.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        loop.scheduleWithFixedDelay(this::flushJournal, JOURNAL_FLUSH_MILLIS, JOURNAL_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        log.info("node {} started: mesh {} at {}, site {}, {} slots, renderers {}", self, config.mesh(),
                parts.transport().localAddress(), config.site(), config.effectiveSlots(), renderers.installed());
    }

    private void dispatch(String from, MeshMessage m) {
        try {
            if (m instanceof MeshMessage.ResourcesAnnounce a) {
                if (resources.put(a.resources())) worker.requestPump();
            } else if (m instanceof MeshMessage.JobSnapshot s) {
                table.applySnapshot(s.job());
            } else if (m instanceof MeshMessage.JobDelta d) {
                if (table.applyDelta(d) == JobTable.DeltaResult.GAP) {
                    parts.transport().send(from, new MeshMessage.SnapshotRequest(d.jobId(), self));
                }
            } else if (m instanceof MeshMessage.SnapshotRequest r) {
                JobEntry job = table.get(r.jobId());
                if (coordinator.coordinates(job)) parts.transport().send(r.fromNode(), new MeshMessage.JobSnapshot(job.toRecord()));
            } else if (m instanceof MeshMessage.WorkRequest r) {
                coordinator.onWorkRequest(r);
            } else if (m instanceof MeshMessage.WorkGrant g) {
                worker.onGrant(g);
            } else if (m instanceof MeshMessage.WorkDenied d) {
                worker.onDenied(d);
            } else if (m instanceof MeshMessage.FrameProgress p) {
                coordinator.onProgress(p);
            } else if (m instanceof MeshMessage.FrameDone d) {
                coordinator.onFrameDone(d);
            } else if (m instanceof MeshMessage.FrameFailed f) {
                coordinator.onFrameFailed(f);
            } else if (m instanceof MeshMessage.ControlRequest c) {
                parts.transport().send(c.fromNode(), replyOf(c.requestId(), coordinator.onControl(c)));
            } else if (m instanceof MeshMessage.WorkerCommand c) {
                worker.onCommand(c);
            } else if (m instanceof MeshMessage.Sample s) {
                samples.received(s);
            } else if (m instanceof MeshMessage.WatchInterest w) {
                samples.interest(w);
            } else {
                requests.onMessage(from, m);
            }
        } catch (RuntimeException e) {
            log.warn("node {}: cannot handle {} from {}: {}", self, m.getClass().getSimpleName(), from, e.toString(), e);
        }
    }

    private static MeshMessage.ControlReply replyOf(String requestId, ControlResult r) {
        return new MeshMessage.ControlReply(requestId, r.status(), r.error());
    }

    private void viewChanged(List<String> members, boolean merged) {
        log.info("node {}: view {}{}", self, members, merged ? " (merged)" : "");
        resources.retain(members);
        resources.put(me);
        parts.transport().broadcast(new ResourcesAnnounce(me));
        coordinator.onView(members);
        coordinator.republish(new ArrayList<>(table.all()));
        worker.requestPump();
    }

    private void jobChanged(JobEntry job) {
        dirty.add(job.id());
        samples.jobKnown(job.id(), job.submittedBy());
        worker.onJobChanged(job);
    }

    private void tick() {
        coordinator.tick();
        worker.tick();
    }

    private void flushJournal() {
        for (String id : dirty) {
            JobEntry job = table.get(id);
            if (job != null) parts.journal().save(job.toRecord());
        }
        dirty.clear();
    }

    private void loadChanged() {
        if (announceScheduled) return;
        announceScheduled = true;
        loop.schedule(() -> {
            announceScheduled = false;
            int busy = worker.busySlots();
            NodeState state = busy > 0 ? NodeState.BUSY : NodeState.IDLE;
            if (busy != me.busySlots() || state != me.state()) {
                me = me.withLoad(busy, state);
                parts.transport().broadcast(new ResourcesAnnounce(me));
            }
        }, ANNOUNCE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- NodeApi ----

    @Override
    public String nodeName() {
        return self;
    }

    @Override
    public String site() {
        return config.site();
    }

    @Override
    public int members() {
        return parts.transport().members().size();
    }

    @Override
    public List<NodeResources> nodes() {
        return resources.all();
    }

    @Override
    public String submit(JobProfile profile, List<UploadedFile> files) throws IOException {
        JobRecord record = submission.prepare(profile, files, parts.clock().millis());
        onLoop(() -> {
            coordinator.create(record);
            // durable before the client hears 201: a node killed right after must still know the job
            parts.journal().save(table.get(record.id()).toRecord());
            return null;
        });
        return record.id();
    }

    @Override
    public List<JobRecord> jobs() {
        return onLoop(() -> table.all().stream().map(JobEntry::toRecord).toList());
    }

    @Override
    public JobRecord job(String jobId) {
        JobRecord r = onLoop(() -> {
            JobEntry job = table.get(jobId);
            return job == null ? null : job.toRecord();
        });
        if (r == null) throw new NotFoundException("unknown job " + jobId);
        return r;
    }

    @Override
    public CompletableFuture<Optional<byte[]>> frame(String jobId, int frame) {
        JobRecord job = job(jobId);
        var f = job.frames().stream().filter(x -> x.frame() == frame).findFirst()
                .orElseThrow(() -> new NotFoundException("job " + jobId + " has no frame " + frame));
        return requests.frame(job, f);
    }

    @Override
    public Optional<Preview> preview(String jobId, int frame) {
        JobRecord job = job(jobId);
        if (job.frames().stream().noneMatch(x -> x.frame() == frame)) {
            throw new NotFoundException("job " + jobId + " has no frame " + frame);
        }
        watch(jobId);
        return samples.preview(jobId, frame);
    }

    @Override
    public CompletableFuture<ControlResult> control(String jobId, ControlCommand command) {
        JobRecord job = job(jobId);
        var req = new MeshMessage.ControlRequest(null, jobId, command.action(), command.frame(), command.value(), self);
        if (self.equals(job.coordinator())) {
            return CompletableFuture.supplyAsync(() -> coordinator.onControl(req), loop);
        }
        return requests.control(job.coordinator(), req);
    }

    @Override
    public EventBus events() {
        return events;
    }

    @Override
    public void watch(String jobId) {
        samples.watch(jobId);
    }

    @Override
    public List<String> bundledScenes() {
        return parts.bundledScenes();
    }

    public String meshAddress() {
        return parts.transport().localAddress();
    }

    public NodeConfig config() {
        return config;
    }

    /** Where this node's HTTP API listens; published in the resource map. */
    public void setWebUrl(String url) {
        this.webUrl = url;
        loop.execute(() -> {
            me = me.withWebUrl(url);
            resources.put(me);
            parts.transport().broadcast(new ResourcesAnnounce(me));
        });
    }

    private static NodeResources withAddress(NodeResources r, String address) {
        return r.withAddress(address);
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("node " + self + " is overloaded: its loop did not answer in 10 s");
        }
    }

    @Override
    public void close() {
        if (closed) return;
        log.info("node {} leaving the mesh", self);
        try {
            onLoop(() -> {
                me = me.withLoad(worker.busySlots(), NodeState.LEAVING);
                parts.transport().broadcast(new ResourcesAnnounce(me));
                worker.stopAll("node " + self + " is shutting down");
                flushJournal();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("node {}: unclean shutdown: {}", self, e.toString());
        }
        closed = true;
        parts.transport().close();
        relay.close();
        loop.shutdownNow();
        renderPool.shutdownNow();
        io.shutdownNow();
        jobFiles.close();
        parts.journal().close();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
