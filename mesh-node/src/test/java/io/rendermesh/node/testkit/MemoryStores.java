package io.rendermesh.node.testkit;

import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.node.storage.JobJournal;
import io.rendermesh.node.worker.JobFiles;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.JobRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stores for node tests that need no files (frames, blobs, journal, job files in a temp dir). */
public final class MemoryStores {
    private MemoryStores() {
    }

    public static final class Frames implements FrameStore {
        private final Map<String, byte[]> frames = new ConcurrentHashMap<>();
        private final Path spill;

        public Frames(Path spill) {
            this.spill = spill;
        }

        @Override
        public void put(String jobId, int frame, byte[] png) {
            frames.put(jobId + "#" + frame, png.clone());
        }

        @Override
        public void putFile(String jobId, int frame, Path png) throws IOException {
            put(jobId, frame, Files.readAllBytes(png));
        }

        @Override
        public Optional<Path> get(String jobId, int frame) {
            byte[] b = frames.get(jobId + "#" + frame);
            if (b == null) return Optional.empty();
            try {
                Files.createDirectories(spill);
                Path p = spill.resolve(jobId + "-" + frame + ".png");
                Files.write(p, b);
                return Optional.of(p);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<Integer> frames(String jobId) {
            List<Integer> out = new ArrayList<>();
            frames.keySet().forEach(k -> {
                if (k.startsWith(jobId + "#")) out.add(Integer.parseInt(k.substring(jobId.length() + 1)));
            });
            return out;
        }

        @Override
        public void deleteJob(String jobId) {
            frames.keySet().removeIf(k -> k.startsWith(jobId + "#"));
        }
    }

    public static final class Blobs implements BlobStore {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public String put(InputStream in, long maxBytes) throws IOException {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (b.length > maxBytes) throw new BlobTooLargeException("over " + maxBytes);
            try {
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
                blobs.put(sha, b);
                return sha;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean has(String sha256) {
            return blobs.containsKey(sha256);
        }

        @Override
        public Optional<Path> path(String sha256) {
            return Optional.empty();
        }

        @Override
        public long size(String sha256) {
            return blobs.get(sha256).length;
        }

        @Override
        public byte[] read(String sha256, long offset, int length) {
            byte[] b = blobs.get(sha256);
            int from = (int) Math.min(offset, b.length);
            return java.util.Arrays.copyOfRange(b, from, Math.min(b.length, from + length));
        }

        @Override
        public void setLimitBytes(long limit) {
        }

        public InputStream open(String sha) {
            return new ByteArrayInputStream(blobs.get(sha));
        }
    }

    public static final class Journal implements JobJournal {
        public final Map<String, JobRecord> saved = new ConcurrentHashMap<>();

        @Override
        public void save(JobRecord job) {
            saved.put(job.id(), job);
        }

        @Override
        public boolean append(io.rendermesh.protocol.message.MeshMessage.JobDelta change) {
            JobRecord whole = saved.get(change.jobId());
            if (whole != null) saved.put(change.jobId(), JobJournal.apply(whole, change));
            return whole == null;
        }

        @Override
        public void remove(String jobId) {
            saved.remove(jobId);
        }

        @Override
        public List<JobRecord> loadAll() {
            return new ArrayList<>(saved.values());
        }

        @Override
        public void close() {
        }
    }

    /** Writes the job's files from a memory blob store into a temp dir; no peer fetching. */
    public static final class LocalJobFiles implements JobFiles {
        private final Blobs blobs;
        private final Path root;

        public LocalJobFiles(Blobs blobs, Path root) {
            this.blobs = blobs;
            this.root = root;
        }

        @Override
        public CompletableFuture<Path> prepare(String jobId, List<BundleEntry> manifest, List<String> sources) {
            try {
                Path dir = root.resolve(jobId).resolve("files");
                Files.createDirectories(dir);
                for (BundleEntry e : manifest) {
                    if (!blobs.has(e.sha256())) throw new IOException("missing blob " + e.sha256());
                    Path p = dir.resolve(e.path());
                    Files.createDirectories(p.getParent());
                    try (InputStream in = blobs.open(e.sha256())) {
                        Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return CompletableFuture.completedFuture(dir);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public Path scratchDir(String jobId, int frame, int attempt) throws IOException {
            return Files.createTempDirectory(Files.createDirectories(root.resolve("scratch")), jobId + "-" + frame + "-");
        }
    }
}
