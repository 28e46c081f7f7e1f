package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.FrameFailed;
import io.rendermesh.protocol.message.MeshMessage.FrameProgress;
import io.rendermesh.protocol.message.MeshMessage.WorkDenied;
import io.rendermesh.protocol.message.MeshMessage.WorkGrant;
import io.rendermesh.protocol.message.MeshMessage.WorkRequest;
import io.rendermesh.protocol.message.MeshMessage.WorkerCommand;
import io.rendermesh.protocol.model.NodeResources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: pulls frames into free slots (a freed slot or a job change triggers the next
 * request at once), renders them, stores the result and reports it. State is confined to the
 * node's loop thread; renders run on the render pool.
 */
public final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    static final long PROGRESS_INTERVAL_MILLIS = 200;

    private final String self;
    private final int slots;
    private final JobTable table;
    private final MeshTransport transport;
    private final RendererRegistry renderers;
    private final FrameStore frames;
    private final JobFiles files;
    private final SampleSink samples;
    private final Clock clock;
    private final Executor loop;
    private final ExecutorService renderPool;
    private final Supplier<NodeResources> selfResources;
    private final Runnable loadChanged;
    private java.util.function.IntSupplier usableSlots;
    private io.rendermesh.node.metrics.NodeMetrics metrics;

    private final WorkRequests requests = new WorkRequests();
    private final ChunkSizes chunks = new ChunkSizes();
    private final PartResults partResults = new PartResults();
    private final OrphanedLeases orphans = new OrphanedLeases();
    private final Map<String, RunningFrame> running = new HashMap<>();
    /** Whether this node's coordinator holds (job id, frame) split across nodes: that lease is not an orphan. */
    private java.util.function.BiPredicate<String, Integer> splitHere = (job, frame) -> false;
    private final FrameReports reports;
    private final FrameRender render;
    private final GiveBack giveBack;
    private boolean pumpScheduled;

    public Worker(String self, int slots, JobTable table, MeshTransport transport, RendererRegistry renderers,
                  FrameStore frames, JobFiles files, SampleSink samples, Clock clock, Executor loop,
                  ExecutorService renderPool, Supplier<NodeResources> selfResources, Runnable loadChanged) {
        this.self = self;
        this.slots = slots;
        this.table = table;
        this.transport = transport;
        this.renderers = renderers;
        this.frames = frames;
        this.files = files;
        this.samples = samples;
        this.clock = clock;
        this.loop = loop;
        this.renderPool = renderPool;
        this.selfResources = selfResources;
        this.loadChanged = loadChanged;
        this.usableSlots = () -> slots;
        this.reports = new FrameReports(self, frames, transport);
        this.giveBack = new GiveBack(self, table, renderers, transport);
        // one thread stores finished frames in order, so a slot does not wait for the disk between frames; idle, it ends
        java.util.concurrent.ThreadPoolExecutor storing = new java.util.concurrent.ThreadPoolExecutor(0, 1, 5, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "frame-store-" + self);
                    t.setDaemon(true);
                    return t;
                });
        this.render = new FrameRender(self, frames, files, samples, clock, () -> Math.max(1, selfResources.get().cores() / slots), ending,
                storing);
    }

    /** Where frames done and failed here are counted. */
    public void measure(io.rendermesh.node.metrics.NodeMetrics to) {
        this.metrics = to;
    }

    /** How many of its slots may take new frames now (its desk's person may have reserved cores). */
    public void limitSlots(java.util.function.IntSupplier usable) {
        this.usableSlots = usable;
    }

    /** Frames this node's coordinator split across nodes: leased to it, rendered in parts elsewhere. */
    public void splitHere(java.util.function.BiPredicate<String, Integer> holds) {
        this.splitHere = holds;
    }

    public int busySlots() {
        return Math.min(slots, running.size());
    }

    /** Asks for work soon (coalesced); call after anything that may free a slot or add work. */
    public void requestPump() {
        if (pumpScheduled) return;
        pumpScheduled = true;
        loop.execute(this::pump);
    }

    void pump() {
        pumpScheduled = false;
        // a frame in its last pass frees its slot soon: lease the next one now, so it is ready the
        // moment the slot is (it waits in the render pool's queue), hiding the request's round trip
        int finishing = 0;
        for (RunningFrame rf : running.values()) if (rf.finishing || rf.askedAhead) finishing++;
        int free = Math.min(slots, usableSlots.getAsInt()) - running.size() - requests.unanswered() + finishing;
        if (free <= 0) return;
        NodeResources me = selfResources.get();
        if (me == null) return;
        for (WorkRequests.Ask a : requests.ask(free, table.all(), me, clock.millis(), () -> UUID.randomUUID().toString())) {
            transport.send(table.get(a.jobId()).coordinator(), new WorkRequest(a.requestId(), a.jobId(), self, chunks.want(a.jobId())));
        }
    }

    public void onGrant(WorkGrant g) {
        Long asked = requests.sentAt(g.requestId());
        if (asked != null) chunks.answered(clock.millis() - asked);
        // a chunk's further frames come under the request the first one answered
        if (!requests.granted(g.requestId()) && asked == null) log.debug("grant {} for job {} after its request", g.requestId(), g.jobId());
        JobEntry job = table.get(g.jobId());
        Renderer renderer = job == null ? null : renderers.get(job.profile().renderer().packageName()).orElse(null);
        if (job == null) return;
        LeaseCheck.Refusal refusal = LeaseCheck.refusal(job, self, selfResources.get(), renderer != null, g.part());
        if (refusal != null) {
            transport.send(job.coordinator(), new FrameFailed(g.jobId(), g.frame(), g.attempt(), self, refusal.reason(), refusal.counts()));
            return;
        }
        RunningFrame rf = new RunningFrame(g.jobId(), g.frame(), g.attempt(), g.part(),
                RunningFrame.target(g.part(), g.samples(), job.profile().height()), clock.millis(), samples, this::progressFromRenderThread);
        rf.grantedBy = job.coordinator(); // the router let the grant in from the job's coordinator only
        String revoked = revoked(job, rf);
        if (revoked != null) {
            // the grant crossed a cancel or a reassignment on the way: nothing to render
            log.info("job {} frame {}: late grant ignored ({})", g.jobId(), g.frame(), revoked);
            // a part's lease is only in the coordinator's books: say so, or it waits for the lease to expire
            if (g.part() != null) transport.send(job.coordinator(), new FrameFailed(g.jobId(), g.frame(), g.attempt(), self, revoked, false));
            requestPump();
            return;
        }
        running.put(key(rf), rf);
        loadChanged.run();
        log.debug("job {} frame {} rendering on {} (attempt {}, {} samples{})", g.jobId(), g.frame(), self, g.attempt(), g.samples(),
                g.part() == null ? "" : ", part " + (g.part().index() + 1) + " of " + g.part().count());
        List<String> sources = new ArrayList<>(List.of(job.submittedBy(), job.coordinator()));
        CompletableFuture<io.rendermesh.node.render.PassCheckpoint> resume = g.part() != null ? CompletableFuture.completedFuture(null)
                : ResumedWork.fetch(g.resume(), job.profile(), g.samples(), renderer, files);
        files.prepare(job.id(), job.manifest(), sources).thenCombine(resume, (dir, work) -> {
            rf.resume = work;
            return dir;
        }).whenComplete((dir, err) -> {
            if (err != null) {
                loop.execute(() -> finished(rf, null, "cannot get the job's files: " + rootMessage(err)));
            } else {
                rf.task = renderPool.submit(() -> render.run(rf, renderer, job, dir));
            }
        });
    }

    public void onDenied(WorkDenied d) {
        requests.denied(d.requestId(), table.get(d.jobId()));
        requestPump();
    }

    public void onCommand(WorkerCommand c) {
        RunningFrame rf = running.get(key(c.jobId(), c.frame(), c.attempt()));
        if (rf == null) return;
        if ("accept".equals(c.command())) rf.accept = true;
        if ("cancel".equals(c.command())) rf.cancel("cancelled by the coordinator");
    }

    /** The render thread's side of a frame ends here: back on the loop with its result. */
    private final FrameRender.Ending ending = new FrameRender.Ending() {
        @Override
        public void started(RunningFrame rf) {
            loop.execute(() -> chunkStarted(rf));
        }

        @Override
        public void frame(RunningFrame rf, byte[] png, boolean accepted) {
            loop.execute(() -> finished(rf, new Result(png, accepted), null));
        }

        @Override
        public void part(RunningFrame rf, PartResults.Kept kept) {
            loop.execute(() -> finishedPart(rf, kept));
        }

        @Override
        public void stopped(RunningFrame rf, String error) {
            loop.execute(() -> finished(rf, null, error));
        }
    };

    record Result(byte[] png, boolean accepted) {
    }

    /**
     * On the loop: a short frame began. Once what waits for this node's slots is short enough
     * ({@link ChunkSizes#askAhead}) the next chunk is asked for, so its round trip passes while these
     * frames render: they count as ending for the slot's next request.
     */
    private void chunkStarted(RunningFrame rf) {
        if (rf.finishing || rf.askedAhead || chunks.want(rf.jobId) <= 1 || running.get(key(rf)) != rf) return;
        List<RunningFrame> waiting = new ArrayList<>();
        for (RunningFrame other : running.values()) {
            if (other.renderStartedAt != 0) continue;
            // a frame of another job waits too: its length is unknown here, so no asking ahead
            if (!other.jobId.equals(rf.jobId)) return;
            waiting.add(other);
        }
        if (!chunks.askAhead(rf.jobId, waiting.size())) return;
        rf.askedAhead = true;
        for (RunningFrame w : waiting) w.askedAhead = true;
        requestPump();
    }

    /** On the loop: a part of a split frame ended; its result is kept here for the coordinator to fetch. */
    private void finishedPart(RunningFrame rf, PartResults.Kept kept) {
        if (kept.error() != null) {
            finished(rf, null, kept.error());
            return;
        }
        running.remove(key(rf));
        loadChanged.run();
        JobEntry job = table.get(rf.jobId);
        if (job != null && !(rf.cancelled && !rf.accept)) {
            log.debug("job {} frame {} part {} finished on {} ({} passes)", rf.jobId, rf.frame, rf.part.index() + 1, self, kept.passes());
            partResults.remember(rf.jobId, rf.frame, kept.sha256());
            transport.send(job.coordinator(), new MeshMessage.PartDone(rf.jobId, rf.frame, rf.attempt, self, kept.sha256(), kept.size(),
                    kept.passes(), kept.accepted()));
        }
        requestPump();
    }

    /** On the loop: the render ended with a result, a failure, or because it was cancelled. */
    private void finished(RunningFrame rf, Result result, String error) {
        running.remove(key(rf));
        loadChanged.run();
        JobEntry job = table.get(rf.jobId);
        if (job != null && rf.givenBack && result == null) {
            giveBack.stopped(rf, job);
        } else if (job != null) {
            String pkg = job.profile().renderer().packageName();
            if (result != null) {
                if (metrics != null) metrics.frameDone(pkg, (clock.millis() - rf.startedAt) / 1000.0);
                if (rf.renderStartedAt > 0) chunks.rendered(rf.jobId, clock.millis() - rf.renderStartedAt);
                log.debug("job {} frame {} finished on {}", rf.jobId, rf.frame, self);
                reports.finished(job, rf.frame, rf.attempt, result.png(), result.accepted());
            } else if (!rf.cancelled || rf.timedOut) {
                if (metrics != null) metrics.frameFailed(pkg);
                transport.send(job.coordinator(), new FrameFailed(rf.jobId, rf.frame, rf.attempt, self, error, true));
            }
        }
        requestPump();
    }

    private void progressFromRenderThread(RunningFrame rf, int done, int total) {
        rf.done = done;
        rf.total = total;
        // coarse passes: the last one; fine-grained progress (an external renderer's pixels or
        // samples): the last tenth, so the next frame's lease is back before this frame ends
        boolean nearlyDone = done >= total - 1 || (total >= 100 && done * 10L >= total * 9L);
        if (total > 1 && nearlyDone && !rf.finishing) {
            rf.finishing = true;
            loop.execute(this::requestPump);
        }
        long now = clock.millis();
        rf.lastProgressMillis = now;
        // the last pass is followed at once by the frame's result, which says as much: one message and
        // one replicated change less per frame (a short frame's whole cost is such messages)
        if (done >= total || now - rf.lastProgressSent < PROGRESS_INTERVAL_MILLIS) return;
        rf.lastProgressSent = now;
        loop.execute(() -> {
            JobEntry job = table.get(rf.jobId);
            if (job != null && running.get(key(rf)) == rf) {
                transport.send(job.coordinator(), new FrameProgress(rf.jobId, rf.frame, rf.attempt, self, done, total));
            }
        });
    }

    /** On the loop, after any change to a job: stop frames that are no longer ours, follow sample changes. */
    public void onJobChanged(JobEntry job) {
        for (RunningFrame rf : running.values()) {
            if (!rf.jobId.equals(job.id())) continue;
            String reason = revoked(job, rf);
            if (reason != null) {
                rf.cancel(reason);
                log.info("job {} frame {} stopped on {}: {}", rf.jobId, rf.frame, self, reason);
            } else {
                rf.target = RunningFrame.target(rf.part, job.samples(), job.profile().height());
            }
        }
        reports.jobChanged(job);
        partResults.dropEnded(job, files);
        requestPump();
    }

    private String revoked(JobEntry job, RunningFrame rf) {
        return LeaseCheck.revoked(job, self, rf.frame, rf.attempt, rf.part, rf.copy, rf.grantedBy);
    }

    /** At start: frames finished here before a crash, which the job table never recorded, are reported instead of rendered again. */
    public void reportStoredFrames() {
        reports.reportStored(table.all());
    }

    /** Periodic: enforce frame timeouts, forget unanswered requests, and retry denied jobs now and then. */
    public void tick() {
        long now = clock.millis();
        requests.tick(now);
        for (RunningFrame rf : running.values()) {
            JobEntry job = table.get(rf.jobId);
            if (job == null) continue;
            long limit = job.profile().timeoutPerFrameSec() * 1000L;
            if (!rf.cancelled && now - rf.lastProgressMillis > limit) {
                rf.timedOut = true;
                rf.cancel("no progress for " + job.profile().timeoutPerFrameSec() + " s (timeoutPerFrameSec)");
                if (rf.task != null) rf.task.cancel(true);
            }
        }
        dropOrphanedLeases(now);
        requestPump();
    }

    /** Leases the table shows here that this node does not render go back to their coordinator (see {@link OrphanedLeases}). */
    private void dropOrphanedLeases(long now) {
        for (OrphanedLeases.Orphan o : orphans.due(table.all(), self, (job, frame) -> renderingWhole(job, frame) || splitHere.test(job, frame), now)) {
            // said once: while the coordinator cannot be reached this repeats every tick
            if (o.first()) log.info("job {} frame {}: dropping a lease {} no longer holds", o.job().id(), o.frame().frame(), self);
            else log.debug("job {} frame {}: dropping a lease {} no longer holds (again)", o.job().id(), o.frame().frame(), self);
            transport.send(o.job().coordinator(), new FrameFailed(o.job().id(), o.frame().frame(), o.frame().attempts(), self,
                    "node " + self + " lost the lease (restarted)", false));
        }
    }

    /** On the loop: this desk's person is back, or paused it: every frame rendering here goes back ({@link GiveBack}). */
    public void giveBack(String reason) {
        giveBack.all(running.values(), reason);
        requests.clear();
    }

    /** Stops every render (node shutting down). */
    public void stopAll(String reason) {
        for (RunningFrame rf : running.values()) {
            rf.cancel(reason);
            if (rf.task != null) rf.task.cancel(true);
        }
    }

    private static String key(String jobId, int frame, int attempt) {
        return jobId + "#" + frame + "#" + attempt;
    }

    private static String key(RunningFrame rf) {
        return key(rf.jobId, rf.frame, rf.attempt);
    }

    /** Whether this node renders the whole of (job id, frame) now (not a part of it). */
    private boolean renderingWhole(String jobId, int frame) {
        for (RunningFrame rf : running.values()) {
            if (rf.part == null && rf.frame == frame && rf.jobId.equals(jobId)) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
