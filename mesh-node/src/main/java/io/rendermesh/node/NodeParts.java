package io.rendermesh.node;

import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.node.storage.JobJournal;
import io.rendermesh.node.worker.JobFiles;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The replaceable parts of a node. {@link ProductionParts} builds the real ones from a config;
 * tests swap in an in-memory transport, a fake clock or a fake renderer.
 *
 * @param jobFiles  built once the node can fetch blobs from peers (it needs the node's mesh requests)
 * @param admission where keyless LAN nodes wait for approval, or null (no mDNS, no key, tests)
 * @param siteFiles job files streamed between sites, or null (not bridged, or in-JVM tests: files cross as chunks)
 * @param idle      how long this desk's person has been away (null: no desktop, always away)
 */
public record NodeParts(
        MeshTransport transport,
        BlobStore blobs,
        FrameStore frames,
        JobJournal journal,
        Function<BlobFetchChannel, JobFiles> jobFiles,
        List<Renderer> renderers,
        List<String> bundledScenes,
        Clock clock,
        io.rendermesh.node.admission.AdmissionDesk admission,
        io.rendermesh.node.sites.SiteFileStreams siteFiles,
        io.rendermesh.node.desk.IdleReader idle) {

    public NodeParts {
        if (idle == null) idle = io.rendermesh.node.desk.IdleReader.noDesktop();
    }

    /** Parts without an admission desk: nodes that no keyless workstation can ask to join. */
    public NodeParts(MeshTransport transport, BlobStore blobs, FrameStore frames, JobJournal journal,
                     Function<BlobFetchChannel, JobFiles> jobFiles, List<Renderer> renderers, List<String> bundledScenes,
                     Clock clock) {
        this(transport, blobs, frames, journal, jobFiles, renderers, bundledScenes, clock, null, null, null);
    }

    /** The same parts with another desk idle reader (tests: a synthetic one). */
    public NodeParts withIdle(io.rendermesh.node.desk.IdleReader reader) {
        return new NodeParts(transport, blobs, frames, journal, jobFiles, renderers, bundledScenes, clock, admission, siteFiles, reader);
    }

    /** How job files are fetched from peers: one chunk of a blob from one node. */
    public interface BlobFetchChannel {
        java.util.concurrent.CompletableFuture<io.rendermesh.protocol.message.MeshMessage.BlobChunk> fetch(
                String node, String sha256, long offset, int length);

        /** host:port where {@code node} streams whole blobs (faster than chunks), if it offers that. */
        default java.util.Optional<String> streamEndpoint(String node) {
            return java.util.Optional.empty();
        }
    }
}
