package io.rendermesh.node.sites;

import io.rendermesh.node.MeshRequests;
import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.rpc.PendingRequests;
import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.protocol.message.MeshMessage.BlobChunk;
import io.rendermesh.protocol.message.MeshMessage.BlobFetch;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.Identifiers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job files across the bridge, by content hash. The home site's gateway streams them straight to
 * the other site's master ({@link SiteFileStreams}); where there is no stream (in-JVM meshes) or it
 * fails, they go one chunk at a time through the two site masters and the bridge. The home side
 * serves only blobs of jobs with frames leased to another site (nothing else of the home site is
 * reachable from another), from its own store or, through the mesh, from the job's submitter. The
 * other side fetches only what it does not cache, verifies each blob's hash, and only then runs
 * the offered frames.
 */
public final class BridgeFiles {
    private static final Logger log = LoggerFactory.getLogger(BridgeFiles.class);
    static final int CHUNK_BYTES = 1024 * 1024;
    static final long CHUNK_TIMEOUT_MILLIS = 30_000;
    static final int CHUNKS_IN_FLIGHT = 8;
    static final long LOOP_WAIT_SECONDS = 5;
    static final long PREPARE_WAIT_SECONDS = 20; // within the fetching side's 30 s stall limit

    private final String self;
    private final MeshTransport transport;
    private final BlobStore blobs;
    private final JobTable table;
    private final Executor io;
    private final BiFunction<String, BlobFetch, CompletableFuture<BlobChunk>> askPeer;
    private final PendingRequests<BlobChunk> pending = new PendingRequests<>();
    private final Path scratch;
    private final Executor loop;
    private final JobFiles jobFiles;
    private final SiteFileStreams streams;
    private final SiteDirectory sites;

    /**
     * @param askPeer  a chunk from a node of this site: (node, request) → its answer
     * @param loop     the node's loop, where the job table may be read
     * @param jobFiles lays out a job's files on this node, fetching them from its submitter
     * @param streams  the file stream between sites, or null (chunks only)
     * @param sites    where the other sites' gateways stream files from
     */
    public BridgeFiles(String self, MeshTransport transport, BlobStore blobs, JobTable table, Executor io,
                       BiFunction<String, BlobFetch, CompletableFuture<BlobChunk>> askPeer, Path scratch,
                       Executor loop, JobFiles jobFiles, SiteFileStreams streams, SiteDirectory sites) {
        this.loop = loop;
        this.sites = sites;
        this.jobFiles = jobFiles;
        this.streams = streams;
        this.self = self;
        this.transport = transport;
        this.blobs = blobs;
        this.table = table;
        this.io = io;
        this.askPeer = askPeer;
        this.scratch = scratch;
    }

    /** Home side, on the loop: another site asks for a chunk of a blob. Returns why it is refused, or null. */
    public String serve(String fromSite, BlobFetch b) {
        if (!Identifiers.isSha256(b.sha256()) || b.offset() < 0 || b.length() <= 0) return "bad blob request";
        JobEntry owner = ownerOf(b.sha256(), fromSite::equals);
        if (owner == null) return "blob " + b.sha256() + " is not a file of any job that site renders";
        String submitter = owner.submittedBy();
        BlobFetch chunk = new BlobFetch(b.requestId(), b.sha256(), b.offset(), Math.min(b.length(), CHUNK_BYTES), self);
        CompletableFuture<BlobChunk> answer = blobs.has(b.sha256())
                ? CompletableFuture.supplyAsync(() -> MeshRequests.readChunk(blobs, chunk, CHUNK_BYTES), io)
                : askPeer.apply(submitter, chunk).thenApply(c -> new BlobChunk(b.requestId(), c.sha256(), c.offset(), c.totalSize(), c.data()));
        answer.whenComplete((c, e) -> transport.sendToSite(fromSite, c != null ? c : new BlobChunk(b.requestId(), b.sha256(), b.offset(), -1, null)));
        return null;
    }

    /** A job with frames leased to a site {@code sites} accepts that has blob {@code sha} among its files, or null. */
    private JobEntry ownerOf(String sha, Predicate<String> sites) {
        for (JobEntry job : table.all()) {
            if (leasedTo(job, sites) && job.manifest().stream().anyMatch(e -> e.sha256().equals(sha))) return job;
        }
        return null;
    }

    private static boolean leasedTo(JobEntry job, Predicate<String> sites) {
        for (FrameRecord f : job.frameList()) {
            String site = FrameTransitions.leasedSite(f);
            if (site != null && sites.test(site)) return true;
        }
        return false;
    }

    /**
     * Home gateway, on a stream's thread: the file of blob {@code sha} if it belongs to a job with
     * frames at another site (any site of the bridge: they share the site key), fetched from the
     * job's submitter first when this node lacks it.
     */
    public Optional<Path> streamable(String sha) throws IOException {
        try {
            Owner owner = CompletableFuture.supplyAsync(() -> {
                JobEntry job = ownerOf(sha, site -> true);
                return job == null ? null : new Owner(job.id(), job.manifest(), job.submittedBy());
            }, loop).get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
            if (owner == null) return Optional.empty();
            if (!blobs.has(sha)) jobFiles.prepare(owner.jobId(), owner.manifest(), List.of(owner.submitter())).get(PREPARE_WAIT_SECONDS, TimeUnit.SECONDS);
            return blobs.path(sha);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("blob " + sha + " is not at hand: " + e.getMessage());
        }
    }

    private record Owner(String jobId, List<BundleEntry> manifest, String submitter) {
    }

    /** Other side, through the bridge: an answer to one of this node's requests. */
    public String chunk(String fromSite, BlobChunk c) {
        return pending.complete(c.requestId(), "site:" + fromSite, c) ? null : "an answer to nothing asked";
    }

    /**
     * Other side, on the loop: every blob of the manifest this site does not have yet, fetched from
     * {@code homeSite} (streamed from its gateway when its summary says where) and verified.
     */
    public CompletableFuture<Void> fetchMissing(String homeSite, List<BundleEntry> manifest, long maxBytes) {
        String endpoint = sites.filesEndpoint(homeSite);
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        long total = 0;
        for (BundleEntry e : manifest) {
            total += e.size();
            if (total > maxBytes) return CompletableFuture.failedFuture(new IOException("the job's files exceed " + maxBytes + " bytes"));
            if (blobs.has(e.sha256())) continue;
            all = all.thenCompose(v -> fetch(homeSite, endpoint, e));
        }
        return all;
    }

    private CompletableFuture<Void> fetch(String homeSite, String endpoint, BundleEntry e) {
        return CompletableFuture.supplyAsync(() -> {
            if (streamed(homeSite, endpoint, e)) return null;
            Path part = null;
            try {
                Files.createDirectories(scratch);
                part = Files.createTempFile(scratch, e.sha256().substring(0, 8), ".part");
                // several chunks in flight: one round trip through two site masters and the bridge per chunk is slow
                try (var out = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
                    java.util.ArrayDeque<CompletableFuture<BlobChunk>> inFlight = new java.util.ArrayDeque<>();
                    long next = 0;
                    long written = 0;
                    while (written < e.size()) {
                        while (next < e.size() && inFlight.size() < CHUNKS_IN_FLIGHT) {
                            var ticket = pending.open("site:" + homeSite, CHUNK_TIMEOUT_MILLIS);
                            transport.sendToSite(homeSite, new BlobFetch(ticket.id(), e.sha256(), next,
                                    (int) Math.min(CHUNK_BYTES, e.size() - next), self));
                            inFlight.add(ticket.future());
                            next += Math.min(CHUNK_BYTES, e.size() - next);
                        }
                        BlobChunk c = inFlight.poll().join();
                        if (c.data() == null || c.data().length == 0 || c.offset() != written) {
                            throw new IOException("site " + homeSite + " cannot send " + e.path());
                        }
                        out.write(java.nio.ByteBuffer.wrap(c.data()), c.offset());
                        written += c.data().length;
                    }
                }
                String sha;
                try (InputStream in = Files.newInputStream(part)) {
                    sha = blobs.put(in, e.size());
                }
                if (!sha.equals(e.sha256())) throw new IOException(e.path() + " from site " + homeSite + " does not match its hash");
                log.info("node {}: {} ({} bytes) fetched from site {}", self, e.path(), e.size(), homeSite);
                return null;
            } catch (IOException ex) {
                throw new java.util.concurrent.CompletionException(ex);
            } finally {
                if (part != null) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException ignored) {
                        // a scratch file; the next start clears the folder
                    }
                }
            }
        }, io);
    }

    private boolean streamed(String homeSite, String endpoint, BundleEntry e) {
        if (streams == null || endpoint == null) return false;
        long start = System.nanoTime();
        try {
            streams.fetch(endpoint, e, scratch);
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            log.info("node {}: {} ({} bytes) streamed from site {} in {} ms ({} MB/s)", self, e.path(), e.size(), homeSite, millis,
                    e.size() / 1000 / millis);
            return true;
        } catch (IOException ex) {
            log.info("node {}: streaming {} from site {} failed ({}); going on in chunks through the bridge", self, e.path(), homeSite,
                    ex.getMessage());
            return false;
        }
    }
}
