package io.rendermesh.node.sites;

import io.rendermesh.node.MeshRequests;
import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.rpc.PendingRequests;
import io.rendermesh.node.storage.BlobStore;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job files across the bridge, by content hash, one chunk at a time between the two site masters.
 * The home side serves only blobs of jobs with frames leased to the asking site (nothing else of
 * the home site is reachable from another), from its own store or, through the mesh, from the
 * job's submitter. The other side fetches only what it does not cache, verifies each blob's hash,
 * and only then runs the offered frames.
 */
public final class BridgeFiles {
    private static final Logger log = LoggerFactory.getLogger(BridgeFiles.class);
    static final int CHUNK_BYTES = 1024 * 1024;
    static final long CHUNK_TIMEOUT_MILLIS = 30_000;
    static final int CHUNKS_IN_FLIGHT = 8;

    private final String self;
    private final MeshTransport transport;
    private final BlobStore blobs;
    private final JobTable table;
    private final Executor io;
    private final BiFunction<String, BlobFetch, CompletableFuture<BlobChunk>> askPeer;
    private final PendingRequests<BlobChunk> pending = new PendingRequests<>();
    private final Path scratch;

    /** @param askPeer a chunk from a node of this site: (node, request) → its answer */
    public BridgeFiles(String self, MeshTransport transport, BlobStore blobs, JobTable table, Executor io,
                       BiFunction<String, BlobFetch, CompletableFuture<BlobChunk>> askPeer, Path scratch) {
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
        JobEntry owner = null;
        for (JobEntry job : table.all()) {
            if (leasedTo(job, fromSite) && job.manifest().stream().anyMatch(e -> e.sha256().equals(b.sha256()))) owner = job;
        }
        if (owner == null) return "blob " + b.sha256() + " is not a file of any job that site renders";
        String submitter = owner.submittedBy();
        BlobFetch chunk = new BlobFetch(b.requestId(), b.sha256(), b.offset(), Math.min(b.length(), CHUNK_BYTES), self);
        CompletableFuture<BlobChunk> answer = blobs.has(b.sha256())
                ? CompletableFuture.supplyAsync(() -> MeshRequests.readChunk(blobs, chunk, CHUNK_BYTES), io)
                : askPeer.apply(submitter, chunk).thenApply(c -> new BlobChunk(b.requestId(), c.sha256(), c.offset(), c.totalSize(), c.data()));
        answer.whenComplete((c, e) -> transport.sendToSite(fromSite, c != null ? c : new BlobChunk(b.requestId(), b.sha256(), b.offset(), -1, null)));
        return null;
    }

    private static boolean leasedTo(JobEntry job, String site) {
        for (FrameRecord f : job.frameList()) {
            if (site.equals(FrameTransitions.leasedSite(f))) return true;
        }
        return false;
    }

    /** Other side, through the bridge: an answer to one of this node's requests. */
    public String chunk(String fromSite, BlobChunk c) {
        return pending.complete(c.requestId(), "site:" + fromSite, c) ? null : "an answer to nothing asked";
    }

    /** Other side: every blob of the manifest this site does not have yet, fetched from {@code homeSite} and verified. */
    public CompletableFuture<Void> fetchMissing(String homeSite, List<BundleEntry> manifest, long maxBytes) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        long total = 0;
        for (BundleEntry e : manifest) {
            total += e.size();
            if (total > maxBytes) return CompletableFuture.failedFuture(new IOException("the job's files exceed " + maxBytes + " bytes"));
            if (blobs.has(e.sha256())) continue;
            all = all.thenCompose(v -> fetch(homeSite, e));
        }
        return all;
    }

    private CompletableFuture<Void> fetch(String homeSite, BundleEntry e) {
        return CompletableFuture.supplyAsync(() -> {
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
}
