package io.rendermesh.node;

import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.rpc.PendingRequests;
import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.message.MeshMessage.BlobChunk;
import io.rendermesh.protocol.message.MeshMessage.BlobFetch;
import io.rendermesh.protocol.message.MeshMessage.ControlReply;
import io.rendermesh.protocol.message.MeshMessage.ControlRequest;
import io.rendermesh.protocol.message.MeshMessage.FrameData;
import io.rendermesh.protocol.message.MeshMessage.FrameFetch;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobRecord;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import io.rendermesh.node.routing.SenderRules;
import io.rendermesh.node.rpc.FirstAnswer;
import io.rendermesh.protocol.model.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and reply between nodes for things that are not job state: finished frames, blob chunks
 * and control input. Serving reads files on the I/O pool, never on the loop.
 */
public final class MeshRequests {
    private static final Logger log = LoggerFactory.getLogger(MeshRequests.class);
    static final long FRAME_FETCH_TIMEOUT_MILLIS = 15_000;
    /** How long a frame fetch waits on one holder before it asks the next one as well. */
    static final long FRAME_FETCH_PATIENCE_MILLIS = 1_000;
    static final long CHUNK_TIMEOUT_MILLIS = 15_000;
    static final long CONTROL_TIMEOUT_MILLIS = 5_000;

    private final String self;
    private final MeshTransport transport;
    private final FrameStore frames;
    private final BlobStore blobs;
    private final ExecutorService io;
    private final java.util.function.BiFunction<String, Integer, String> holderOf;
    private final PendingRequests<byte[]> frameFetches = new PendingRequests<>();
    private final PendingRequests<BlobChunk> chunks = new PendingRequests<>();
    private final PendingRequests<ControlOutcome> controls = new PendingRequests<>();
    private final PendingRequests<MeshMessage.Sample> previews = new PendingRequests<>();
    static final long PREVIEW_TIMEOUT_MILLIS = 2_000;

    /** @param holderOf the node a job's frame was leased to (who may push it), or null */
    public MeshRequests(String self, MeshTransport transport, FrameStore frames, BlobStore blobs, ExecutorService io,
                        java.util.function.BiFunction<String, Integer, String> holderOf) {
        this.holderOf = holderOf;
        this.self = self;
        this.transport = transport;
        this.frames = frames;
        this.blobs = blobs;
        this.io = io;
    }

    /**
     * Handles the request/reply messages; called on the loop by the router. Returns why a message
     * is refused, or null. Replies count only from the node asked; a pushed frame only from the
     * node that rendered it.
     */
    public String onMessage(String from, MeshMessage m, Function<String, SenderRules.KnownJob> known) {
        if (m instanceof FrameData d) {
            if (d.requestId() != null) return frameFetches.complete(d.requestId(), from, d.png()) ? null : "an answer to nothing asked";
            if (!Identifiers.isJobId(d.jobId()) || known.apply(d.jobId()) == null) return "unknown job " + d.jobId();
            String holder = holderOf.apply(d.jobId(), d.frame());
            if (!from.equals(holder)) return "it did not render frame " + d.frame() + " of job " + d.jobId();
            if (d.png() != null) io.execute(() -> storeFrame(d));
            return null;
        }
        if (m instanceof FrameFetch f) {
            String bad = SenderRules.claimedName(from, f.fromNode());
            if (bad == null && !Identifiers.isJobId(f.jobId())) bad = "bad job id";
            if (bad == null) io.execute(() -> transport.send(from, new FrameData(f.requestId(), f.jobId(), f.frame(), readFrame(f.jobId(), f.frame()))));
            return bad;
        }
        if (m instanceof BlobFetch b) {
            String bad = SenderRules.claimedName(from, b.fromNode());
            if (bad == null && (!Identifiers.isSha256(b.sha256()) || b.offset() < 0)) bad = "bad blob request";
            if (bad == null) io.execute(() -> transport.send(from, readChunk(blobs, b, MAX_CHUNK_BYTES)));
            return bad;
        }
        if (m instanceof BlobChunk c) return chunks.complete(c.requestId(), from, c) ? null : "an answer to nothing asked";
        if (m instanceof ControlReply r) {
            return controls.complete(r.requestId(), from, ControlOutcome.fromWire(r.outcome(), r.error())) ? null : "an answer to nothing asked";
        }
        return "no node handles " + m.getClass().getSimpleName();
    }

    private void storeFrame(FrameData d) {
        try {
            frames.put(d.jobId(), d.frame(), d.png());
        } catch (Exception e) {
            log.warn("node {}: cannot keep frame {} of job {}: {}", self, d.frame(), d.jobId(), e.toString());
        }
    }

    private byte[] readFrame(String jobId, int frame) {
        try {
            Optional<java.nio.file.Path> p = frames.get(jobId, frame);
            return p.isPresent() ? Files.readAllBytes(p.get()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

    /** Part of a blob from {@code blobs}, at most {@code maxBytes}; a chunk without data when it is not there. */
    public static BlobChunk readChunk(BlobStore blobs, BlobFetch b, int maxBytes) {
        try {
            if (!blobs.has(b.sha256())) return new BlobChunk(b.requestId(), b.sha256(), b.offset(), -1, null);
            int length = Math.max(0, Math.min(b.length(), maxBytes));
            return new BlobChunk(b.requestId(), b.sha256(), b.offset(), blobs.size(b.sha256()),
                    blobs.read(b.sha256(), b.offset(), length));
        } catch (Exception e) {
            return new BlobChunk(b.requestId(), b.sha256(), b.offset(), -1, null);
        }
    }

    /**
     * A finished frame: from this node's store, else from the nodes likely to hold a copy (its
     * renderer, the submitter, the coordinator), then from every other member, in turn.
     */
    public CompletableFuture<Optional<byte[]>> frame(JobRecord job, FrameRecord f) {
        return CompletableFuture.supplyAsync(() -> readFrame(job.id(), f.frame()), io).thenCompose(local -> {
            if (local != null) return CompletableFuture.completedFuture(Optional.of(local));
            if (f.state() != FrameState.DONE) return CompletableFuture.completedFuture(Optional.<byte[]>empty());
            LinkedHashSet<String> holders = new LinkedHashSet<>();
            if (f.node() != null) holders.add(f.node());
            holders.add(job.submittedBy());
            holders.add(job.coordinator());
            holders.addAll(transport.members());
            holders.remove(self);
            holders.retainAll(transport.members());
            return fetchFrom(new ArrayList<>(holders), job.id(), f.frame());
        });
    }

    private CompletableFuture<Optional<byte[]>> fetchFrom(List<String> holders, String jobId, int frame) {
        return FirstAnswer.<byte[]>of(holders, FRAME_FETCH_PATIENCE_MILLIS, holder -> {
            var ticket = frameFetches.open(holder, FRAME_FETCH_TIMEOUT_MILLIS);
            transport.send(holder, new FrameFetch(ticket.id(), jobId, frame, self));
            return ticket.future();
        }, (millis, task) -> CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS).execute(task)).thenApply(png -> {
            png.ifPresent(bytes -> io.execute(() -> storeFrame(new FrameData(null, jobId, frame, bytes))));
            return png;
        });
    }

    /** How this node's job files fetch blobs: streams where a peer offers one ({@code endpoints}), else chunks. */
    public NodeParts.BlobFetchChannel blobChannel(java.util.function.Function<String, Optional<String>> endpoints) {
        return new NodeParts.BlobFetchChannel() {
            @Override
            public CompletableFuture<BlobChunk> fetch(String node, String sha256, long offset, int length) {
                return fetchChunk(node, sha256, offset, length);
            }

            @Override
            public Optional<String> streamEndpoint(String node) {
                return endpoints.apply(node);
            }
        };
    }

    public CompletableFuture<BlobChunk> fetchChunk(String node, String sha256, long offset, int length) {
        var ticket = chunks.open(node, CHUNK_TIMEOUT_MILLIS);
        transport.send(node, new BlobFetch(ticket.id(), sha256, offset, length, self));
        return ticket.future();
    }

    /** The latest sample {@code node} has of a frame (empty: none, or no answer in time). */
    public CompletableFuture<Optional<MeshMessage.Sample>> fetchPreview(String node, String jobId, int frame) {
        var ticket = previews.open(node, PREVIEW_TIMEOUT_MILLIS);
        transport.send(node, new MeshMessage.PreviewFetch(ticket.id(), jobId, frame, self));
        return ticket.future().handle((s, e) -> Optional.ofNullable(s));
    }

    /** An answer to {@link #fetchPreview}: counts only from the node asked. */
    public String previewAnswered(String from, MeshMessage.PreviewReply r) {
        return previews.complete(r.requestId(), from, r.sample()) ? null : "an answer to nothing asked";
    }

    /** A person's input for another node's desk. */
    public CompletableFuture<ControlOutcome> nodeControl(String node, String action, String value) {
        var ticket = controls.open(node, CONTROL_TIMEOUT_MILLIS);
        transport.send(node, new MeshMessage.NodeControl(ticket.id(), node, action, value, self));
        return ticket.future().exceptionally(e -> ControlOutcome.retry("node " + node + " did not answer; try again"));
    }

    public CompletableFuture<ControlOutcome> control(String coordinator, ControlRequest req) {
        var ticket = controls.open(coordinator, CONTROL_TIMEOUT_MILLIS);
        transport.send(coordinator, new ControlRequest(ticket.id(), req.jobId(), req.action(), req.frame(), req.value(), self));
        return ticket.future().exceptionally(e -> ControlOutcome.retry(
                "the job's coordinator " + coordinator + " did not answer; try again"));
    }
}
