package io.rendermesh.node;

import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.admission.Admissions;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.JoinRequest;
import io.rendermesh.protocol.model.SiteInfo;
import io.rendermesh.node.coordination.Coordinator;
import io.rendermesh.node.events.EventBus;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.resources.ResourceMap;
import io.rendermesh.node.routing.RejectedMessages;
import io.rendermesh.node.samples.SampleRouting;
import io.rendermesh.node.storage.JobJournal;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What people and their tools ask of a node (the {@link NodeApi}), answered from the node's parts:
 * reads and changes of the job table hop onto the node's loop; frames and control input go to
 * whichever node holds them.
 */
public final class NodeService implements NodeApi {
    /** The parts the facade reads and steers. */
    record Parts(NodeConfig config, MeshTransport transport, NodeLoop loop, JobTable table, Coordinator coordinator,
                 ResourceMap resources, JobSubmission submission, JobJournal journal, MeshRequests requests,
                 SampleRouting samples, EventBus events, List<String> bundledScenes, RejectedMessages rejected,
                 Admissions admissions, io.rendermesh.node.sites.SiteDirectory sites,
                 java.util.function.Supplier<String> gateway, java.time.Clock clock, io.rendermesh.node.desk.Desk desk,
                 io.rendermesh.node.metrics.NodeMetrics metrics, io.rendermesh.node.cleanup.JobCleanup cleanup) {
    }

    private final String self;
    private final Parts p;

    NodeService(Parts parts) {
        this.p = parts;
        this.self = parts.config().name();
    }

    @Override
    public String nodeName() {
        return self;
    }

    @Override
    public String site() {
        return p.config().site();
    }

    @Override
    public int members() {
        return p.transport().members().size();
    }

    @Override
    public List<NodeResources> nodes() {
        return p.resources().all();
    }

    @Override
    public String submit(JobProfile profile, List<UploadedFile> files) throws IOException {
        int maxJobs = p.config().limits().maxJobs();
        if (p.loop().call(() -> p.table().all().size()) >= maxJobs) {
            throw new LimitReachedException("this node holds its limit of " + maxJobs + " jobs (--max-jobs)");
        }
        JobRecord record = p.submission().prepare(profile, files, p.clock().millis());
        p.loop().call(() -> {
            // again on the loop: submissions running side by side all passed the first check
            if (p.table().all().size() >= maxJobs) {
                throw new LimitReachedException("this node holds its limit of " + maxJobs + " jobs (--max-jobs)");
            }
            p.coordinator().create(record);
            // durable before the client hears 201: a node killed right after must still know the job
            p.journal().save(p.table().get(record.id()).toRecord());
            return null;
        });
        return record.id();
    }

    @Override
    public List<JobRecord> jobs() {
        return p.loop().call(() -> p.table().all().stream().map(JobEntry::toRecord).toList());
    }

    @Override
    public Long etaSeconds(String jobId) {
        return p.loop().call(() -> {
            JobEntry job = p.table().get(jobId);
            return job == null ? null : job.etaSeconds(p.clock().millis());
        });
    }

    @Override
    public java.util.Map<Integer, java.util.List<MeshMessage.PartView>> parts(String jobId) {
        return p.loop().call(() -> {
            JobEntry job = p.table().get(jobId);
            java.util.Map<Integer, java.util.List<MeshMessage.PartView>> out = new java.util.TreeMap<>();
            if (job != null) {
                for (int n : job.profile().frameList()) {
                    var parts = job.parts(n);
                    if (!parts.isEmpty()) out.put(n, parts);
                }
            }
            return out;
        });
    }

    @Override
    public JobRecord job(String jobId) {
        if (!Identifiers.isJobId(jobId)) throw new NotFoundException("unknown job " + jobId);
        JobRecord r = p.loop().call(() -> {
            JobEntry job = p.table().get(jobId);
            return job == null ? null : job.toRecord();
        });
        if (r == null) throw new NotFoundException("unknown job " + jobId);
        return r;
    }

    @Override
    public CompletableFuture<Optional<byte[]>> frame(String jobId, int frame) {
        JobRecord job = job(jobId);
        return p.requests().frame(job, frameOf(job, frame));
    }

    @Override
    public CompletableFuture<Optional<Preview>> preview(String jobId, int frame) {
        JobRecord job = job(jobId);
        FrameRecord f = frameOf(job, frame);
        watch(jobId);
        Optional<Preview> here = p.samples().preview(jobId, frame);
        if (here.isPresent()) return CompletableFuture.completedFuture(here);
        List<String> holders = new java.util.ArrayList<>();
        if (!self.equals(job.submittedBy())) holders.add(job.submittedBy());
        if (f.node() != null && !self.equals(f.node()) && !holders.contains(f.node())) holders.add(f.node());
        return askForPreview(holders, jobId, frame);
    }

    private CompletableFuture<Optional<Preview>> askForPreview(List<String> holders, String jobId, int frame) {
        if (holders.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
        return p.requests().fetchPreview(holders.get(0), jobId, frame).thenCompose(s -> {
            if (s.isEmpty()) return askForPreview(holders.subList(1, holders.size()), jobId, frame);
            CompletableFuture<Optional<Preview>> shown = new CompletableFuture<>();
            p.loop().execute(() -> {
                p.samples().remember(s.get());
                shown.complete(p.samples().preview(jobId, frame));
            });
            return shown;
        });
    }

    private static FrameRecord frameOf(JobRecord job, int frame) {
        return job.frames().stream().filter(x -> x.frame() == frame).findFirst()
                .orElseThrow(() -> new NotFoundException("job " + job.id() + " has no frame " + frame));
    }

    @Override
    public CompletableFuture<ControlOutcome> control(String jobId, ControlCommand command) {
        JobRecord job = job(jobId);
        var req = new MeshMessage.ControlRequest(null, jobId, command.action(), command.frame(), command.value(), self);
        if (self.equals(job.coordinator())) {
            return CompletableFuture.supplyAsync(() -> p.coordinator().onControl(req), p.loop().executor());
        }
        return p.requests().control(job.coordinator(), req);
    }

    @Override
    public CompletableFuture<ControlOutcome> controlNode(String node, String action, String value) {
        if (self.equals(node)) {
            return CompletableFuture.supplyAsync(() -> {
                String refused = p.desk().control(action, value);
                return refused == null ? ControlOutcome.accepted() : ControlOutcome.badInput(refused);
            }, p.loop().executor());
        }
        if (p.resources().get(node) == null) {
            return CompletableFuture.completedFuture(ControlOutcome.notFound("no node " + node + " in this mesh"));
        }
        return p.requests().nodeControl(node, action, value);
    }

    @Override
    public DeskView desk() {
        return new DeskView(p.desk().renderWhen().wireName(), p.desk().reservedCores());
    }

    @Override
    public ControlOutcome deleteJob(String jobId) {
        job(jobId); // 404 when unknown
        String refused = p.loop().call(() -> p.cleanup().delete(jobId));
        return refused == null ? ControlOutcome.accepted() : ControlOutcome.conflict(refused);
    }

    @Override
    public io.rendermesh.node.metrics.NodeMetrics metrics() {
        return p.metrics();
    }

    @Override
    public EventBus events() {
        return p.events();
    }

    @Override
    public void watch(String jobId) {
        p.samples().watch(jobId);
    }

    @Override
    public List<String> bundledScenes() {
        return p.bundledScenes();
    }

    @Override
    public List<SiteInfo> sites() {
        // the gateway of this site: the one carrying the bridge says where it listens
        String gateway = p.transport().carriesBridge() ? p.gateway().get() : null;
        return p.loop().call(() -> p.sites().sites(p.resources().all(), gateway, p.transport().sites()));
    }

    @Override
    public List<NodeResources> allNodes() {
        List<NodeResources> all = new java.util.ArrayList<>(p.resources().all());
        all.addAll(p.loop().call(() -> p.sites().remoteNodes()));
        return all;
    }

    @Override
    public List<JoinRequest> joinRequests() {
        return p.loop().call(() -> p.admissions().waiting());
    }

    @Override
    public String approve(String name, String fingerprint) {
        if (!Identifiers.isNodeName(name)) throw new NotFoundException("no node named " + name + " is waiting to join");
        return switch (p.loop().call(() -> p.admissions().approve(name, fingerprint))) {
            case APPROVED -> name;
            case NOT_WAITING -> throw new NotFoundException("no node named " + name + " is waiting to join");
            case WRONG_FINGERPRINT -> throw new InvalidInputException("the node waiting as " + name
                    + " has another fingerprint than " + fingerprint + ": do not approve it");
            case AMBIGUOUS -> throw new ConflictException("more than one machine asks to join as " + name
                    + ": approve the one whose fingerprint its own screen shows (give the fingerprint)");
        };
    }

    @Override
    public Map<String, Long> rejectedMessages() {
        return p.rejected().bySender();
    }
}
