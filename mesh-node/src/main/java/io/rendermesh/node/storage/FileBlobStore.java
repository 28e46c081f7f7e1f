package io.rendermesh.node.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed files under {@code DATA_DIR/blobs/ab/abcdef...}. A blob is written to a temp
 * file while hashed and moved into place only when complete, so a blob that exists is whole.
 * Over the size limit, the least recently used blobs go first (pinned ones stay).
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private final Path root;
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private volatile long limitBytes;

    public FileBlobStore(Path dataDir) throws IOException {
        this.root = Files.createDirectories(dataDir.resolve("blobs"));
    }

    static boolean validSha(String sha) {
        return sha != null && SHA.matcher(sha).matches();
    }

    private Path file(String sha) {
        if (!validSha(sha)) throw new IllegalArgumentException("not a SHA-256: " + sha);
        return root.resolve(sha.substring(0, 2)).resolve(sha);
    }

    @Override
    public String put(InputStream in, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile(root, ".upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    if (total > maxBytes) throw new BlobTooLargeException("file larger than " + maxBytes + " bytes");
                    out.write(buf, 0, n);
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = file(sha);
            if (!Files.exists(target)) AtomicFiles.move(tmp, target);
            touch(target);
            evictIfNeeded();
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves a fully downloaded file into the store after checking its hash. */
    public void adopt(Path downloaded, String expectedSha) throws IOException {
        String sha;
        try (InputStream in = Files.newInputStream(downloaded)) {
            MessageDigest digest = sha256();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) digest.update(buf, 0, n);
            sha = HexFormat.of().formatHex(digest.digest());
        }
        adoptHashed(downloaded, expectedSha, sha);
    }

    /** Moves a fully downloaded file whose hash {@code actualSha} was taken on the way into the store, if it is the expected one. */
    public void adoptHashed(Path downloaded, String expectedSha, String actualSha) throws IOException {
        if (!actualSha.equals(expectedSha)) {
            Files.deleteIfExists(downloaded);
            throw new IOException("downloaded blob has hash " + actualSha + ", expected " + expectedSha);
        }
        AtomicFiles.move(downloaded, file(actualSha));
        evictIfNeeded();
    }

    /** Where a partial download of a blob is kept, so it can resume. */
    public Path partial(String sha) {
        return root.resolve(".partial-" + file(sha).getFileName());
    }

    @Override
    public boolean has(String sha256) {
        return validSha(sha256) && Files.isRegularFile(file(sha256));
    }

    @Override
    public Optional<Path> path(String sha256) {
        if (!has(sha256)) return Optional.empty();
        Path p = file(sha256);
        touch(p);
        return Optional.of(p);
    }

    @Override
    public long size(String sha256) throws IOException {
        return Files.size(file(sha256));
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file(sha256).toFile(), "r")) {
            long size = f.length();
            if (offset < 0 || offset > size) throw new IOException("offset " + offset + " outside blob of " + size);
            byte[] out = new byte[(int) Math.min(length, size - offset)];
            f.seek(offset);
            f.readFully(out);
            return out;
        }
    }

    @Override
    public void setLimitBytes(long limit) {
        this.limitBytes = limit;
    }

    @Override
    public void delete(String sha256) throws IOException {
        if (!validSha(sha256)) return;
        pinned.remove(sha256);
        Files.deleteIfExists(file(sha256));
    }

    public void pin(String sha) {
        pinned.add(sha);
    }

    public void unpin(String sha) {
        pinned.remove(sha);
    }

    private void evictIfNeeded() throws IOException {
        long limit = limitBytes;
        if (limit <= 0) return;
        List<Path> blobs;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            blobs = walk.filter(p -> validSha(p.getFileName().toString()) && Files.isRegularFile(p)).toList();
        }
        long total = 0;
        for (Path p : blobs) total += Files.size(p);
        List<Path> oldestFirst = blobs.stream().sorted(Comparator.comparing(FileBlobStore::lastUsed)).toList();
        for (Path p : oldestFirst) {
            if (total <= limit) break;
            if (pinned.contains(p.getFileName().toString())) continue;
            total -= Files.size(p);
            Files.deleteIfExists(p);
        }
    }

    private static FileTime lastUsed(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // only affects eviction order
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
