package io.rendermesh.node.storage;

import io.rendermesh.node.NodeParts.BlobFetchChannel;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.protocol.message.MeshMessage.BlobChunk;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.BundlePath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out a job's bundle under {@code DATA_DIR/jobs/<id>/files}: each file is linked (or copied)
 * from the blob store, after fetching the blobs this node lacks from peers in chunks. A partial
 * download is kept and resumed, and every blob is verified by its hash before use.
 */
public final class BundleJobFiles implements JobFiles {
    private static final Logger log = LoggerFactory.getLogger(BundleJobFiles.class);
    static final int CHUNK_BYTES = 1024 * 1024;
    static final int MAX_ROUNDS = 3;
    static final int CHUNKS_IN_FLIGHT = 8;

    private final Path dataDir;
    private final FileBlobStore blobs;
    private final BlobFetchChannel channel;
    private final BlobStream stream;
    private final byte[] meshKeyProof;
    private final ExecutorService fetchers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "blob-fetch");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CompletableFuture<Path>> prepared = new ConcurrentHashMap<>();

    public BundleJobFiles(Path dataDir, FileBlobStore blobs, BlobFetchChannel channel) {
        this(dataDir, blobs, channel, null, new byte[0]);
    }

    /**
     * @param stream this node's blob stream server (null: peers fetch its blobs as chunks only)
     * @param meshKeyProof the blob key: blob streams are authenticated and, with it, encrypted (empty in a mesh without a key)
     */
    public BundleJobFiles(Path dataDir, FileBlobStore blobs, BlobFetchChannel channel, BlobStream stream, byte[] meshKeyProof) {
        this.dataDir = dataDir;
        this.blobs = blobs;
        this.channel = channel;
        this.stream = stream;
        this.meshKeyProof = meshKeyProof.clone();
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                log.debug("closing the blob stream: {}", e.toString());
            }
        }
    }

    @Override
    public String blobEndpoint() {
        return stream == null ? null : stream.endpoint();
    }

    @Override
    public CompletableFuture<Path> prepare(String jobId, List<BundleEntry> manifest, List<String> sources) {
        CompletableFuture<Path> f = prepared.computeIfAbsent(jobId,
                id -> CompletableFuture.supplyAsync(() -> layOut(id, manifest, sources), fetchers));
        f.whenComplete((p, e) -> {
            if (e != null) prepared.remove(jobId, f);
        });
        return f;
    }

    private Path layOut(String jobId, List<BundleEntry> manifest, List<String> sources) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve("jobs").resolve(jobId).resolve("files"));
            for (BundleEntry e : manifest) {
                Path target = dir.resolve(BundlePath.normalize(e.path())).normalize();
                if (!target.startsWith(dir)) throw new IOException("path escapes the job directory: " + e.path());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
                if (!blobs.has(e.sha256())) fetch(e, sources);
                Files.createDirectories(target.getParent());
                Path blob = blobs.path(e.sha256()).orElseThrow(() -> new IOException("blob vanished: " + e.sha256()));
                blobs.pin(e.sha256());
                try {
                    Files.createLink(target, blob);
                } catch (IOException | UnsupportedOperationException linkFailed) {
                    Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fetch(BundleEntry e, List<String> sources) throws IOException {
        Path part = blobs.partial(e.sha256());
        IOException last = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            for (String node : sources) {
                try {
                    streamFrom(node, e, part);
                    download(node, e, part);
                    blobs.adopt(part, e.sha256());
                    log.info("fetched {} ({} bytes) from {}", e.path(), e.size(), node);
                    return;
                } catch (IOException ex) {
                    last = ex;
                    log.info("fetching {} from {} failed: {}", e.path(), node, ex.getMessage());
                }
            }
        }
        throw new IOException("cannot fetch " + e.path() + " from " + sources + (last != null ? ": " + last.getMessage() : ""));
    }

    /**
     * Appends what the node's blob stream sends to the partial file. Any failure is only logged:
     * the chunked download then carries on from wherever the stream stopped.
     */
    private void streamFrom(String node, BundleEntry e, Path part) throws IOException {
        Optional<String> endpoint = channel.streamEndpoint(node);
        if (endpoint.isEmpty()) return;
        if (Files.exists(part) && Files.size(part) >= e.size()) return;
        try {
            BlobStream.fetch(BlobStream.address(endpoint.get()), meshKeyProof, e.sha256(), e.size(), part);
        } catch (IOException ex) {
            log.info("streaming {} from {} stopped ({}); going on in chunks", e.path(), node, ex.getMessage());
        }
    }

    /**
     * Appends to the partial file from where it ends. Several chunk requests are in flight at once,
     * so a transfer is not one round trip per chunk; chunks are written strictly in order.
     */
    private void download(String node, BundleEntry e, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > e.size()) {
            Files.delete(part);
            have = 0;
        }
        ArrayDeque<CompletableFuture<BlobChunk>> inFlight = new ArrayDeque<>();
        long requested = have;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (have < e.size()) {
                while (inFlight.size() < CHUNKS_IN_FLIGHT && requested < e.size()) {
                    inFlight.add(channel.fetch(node, e.sha256(), requested, CHUNK_BYTES));
                    requested += Math.min(CHUNK_BYTES, e.size() - requested);
                }
                BlobChunk c;
                try {
                    c = inFlight.poll().get(30, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new IOException("no answer from " + node + ": " + ex);
                }
                if (c.data() == null) throw new IOException(node + " does not have it");
                if (c.data().length != Math.min(CHUNK_BYTES, e.size() - have)) {
                    throw new IOException(node + " sent a chunk of " + c.data().length + " bytes at offset " + have);
                }
                out.write(c.data());
                have += c.data().length;
            }
        } finally {
            inFlight.forEach(f -> f.cancel(false));
        }
    }

    @Override
    public void forget(String jobId) throws IOException {
        prepared.remove(jobId);
        if (io.rendermesh.protocol.model.Identifiers.isJobId(jobId)) Folders.deleteTree(dataDir.resolve("jobs").resolve(jobId));
    }

    @Override
    public long bytesServed() {
        return stream == null ? 0 : stream.bytesServed();
    }

    @Override
    public void drop(String sha256) {
        try {
            blobs.delete(sha256);
        } catch (IOException e) {
            // a leftover blob costs disk, not correctness
        }
    }

    @Override
    public String keep(byte[] bytes) throws IOException {
        return blobs.put(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    @Override
    public CompletableFuture<byte[]> blob(BundleEntry entry, List<String> sources) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!blobs.has(entry.sha256())) fetch(entry, sources);
                Path p = blobs.path(entry.sha256()).orElseThrow(() -> new IOException("blob vanished: " + entry.sha256()));
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, fetchers);
    }

    @Override
    public Path scratchDir(String jobId, int frame, int attempt) throws IOException {
        Path base = dataDir.resolve("scratch");
        String name = jobId + "-" + frame + "-" + attempt;
        for (int tries = 0; tries < 2; tries++) {
            try {
                // a folder by name: no random name drawn and no walk up the path, a frame of 20 ms at a time
                return Files.createDirectory(base.resolve(name));
            } catch (java.nio.file.NoSuchFileException e) {
                Files.createDirectories(base);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                break; // the same attempt here again (a leftover of a crash, or a render given back and taken up): one beside it
            }
        }
        return Files.createTempDirectory(base, name + "-");
    }
}
