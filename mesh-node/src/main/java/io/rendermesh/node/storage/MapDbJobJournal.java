package io.rendermesh.node.storage;

import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job journal. Each job is a whole record, {@code jobs/<id>/job.bin} (written atomically), and
 * the changes since, appended to {@code jobs/<id>/job.log}; once the changes outweigh the record
 * the caller is asked for a whole one again. The whole records are also indexed in MapDB
 * ({@code journal.db}). Whatever is damaged (MapDB after kill -9, a job file with flipped bytes, a
 * torn last change) is set aside with a warning naming it; the node always starts, and a job it
 * could not read comes back from its peers.
 */
public final class MapDbJobJournal implements JobJournal {
    private static final Logger log = LoggerFactory.getLogger(MapDbJobJournal.class);
    /** A log this size or larger asks for a whole record however small the job. */
    static final long MIN_COMPACT_BYTES = 64 << 10;
    private final Path dataDir;
    private final Path jobsDir;
    private final Map<String, Long> wholeBytes = new HashMap<>();
    /** Per job, the seq its stored form has reached: each logged change names the seq it follows. */
    private final Map<String, Long> storedSeq = new HashMap<>();
    private DB db;
    private ConcurrentMap<String, byte[]> index;

    public MapDbJobJournal(Path dataDir) throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        this.jobsDir = Files.createDirectories(dataDir.resolve("jobs"));
        open();
    }

    /** Whether {@code dataDir} holds a journal (the node has been in a mesh before). */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve("journal.db"));
    }

    private void open() {
        Path file = dataDir.resolve("journal.db");
        try {
            openAt(file);
            for (Map.Entry<String, byte[]> e : index.entrySet()) e.getValue().clone(); // reads every entry: damage shows here
        } catch (RuntimeException | Error e) {
            closeQuietly();
            Path aside = setAside(file);
            log.warn("job journal {} is damaged ({}); moved it to {} and rebuilding from {}", file, e, aside, jobsDir);
            try {
                for (String extra : List.of(".wal.0", ".wal.1", ".p")) Files.deleteIfExists(Path.of(file + extra));
            } catch (IOException ignored) {
                // a leftover write-ahead file of a store set aside is harmless
            }
            openAt(file);
        }
    }

    private void openAt(Path file) {
        db = DBMaker.fileDB(file.toFile()).fileChannelEnable().transactionEnable().closeOnJvmShutdown().make();
        index = db.hashMap("jobs", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    }

    private Path bin(String jobId) {
        return jobsDir.resolve(jobId).resolve("job.bin");
    }

    private Path changes(String jobId) {
        return jobsDir.resolve(jobId).resolve("job.log");
    }

    @Override
    public synchronized void save(JobRecord job) {
        byte[] bytes = WireFormat.encodeObject(job);
        try {
            AtomicFiles.write(bin(job.id()), bytes);
            Files.deleteIfExists(changes(job.id())); // in the whole record now
            wholeBytes.put(job.id(), (long) bytes.length);
            storedSeq.put(job.id(), job.seq());
        } catch (IOException e) {
            throw new JournalException("cannot write job file of " + job.id() + ": " + e, e);
        }
        try {
            index.put(job.id(), bytes);
            db.commit();
        } catch (RuntimeException e) {
            log.warn("job journal index write failed for {}: {} (the job file is kept)", job.id(), e.toString());
        }
    }

    @Override
    public synchronized boolean append(JobDelta change) {
        Long follows = storedSeq.get(change.jobId());
        // nothing stored in this run to follow (or a failed append left it unsure): store it whole
        if (follows == null || !Files.isRegularFile(bin(change.jobId()))) return true;
        byte[] delta = WireFormat.encodeObject(change);
        byte[] entry = java.nio.ByteBuffer.allocate(Long.BYTES + delta.length).putLong(follows).put(delta).array();
        try {
            long size = ChangeLog.append(changes(change.jobId()), entry);
            storedSeq.put(change.jobId(), change.seq());
            return size > Math.max(MIN_COMPACT_BYTES, wholeBytes.getOrDefault(change.jobId(), 0L));
        } catch (IOException e) {
            storedSeq.remove(change.jobId());
            throw new JournalException("cannot append to the journal of " + change.jobId() + ": " + e, e);
        }
    }

    @Override
    public synchronized void remove(String jobId) {
        try {
            index.remove(jobId);
            db.commit();
            Files.deleteIfExists(changes(jobId));
            Files.deleteIfExists(bin(jobId));
            wholeBytes.remove(jobId);
            storedSeq.remove(jobId);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot remove job {} from the journal: {}", jobId, e.toString());
        }
    }

    @Override
    public synchronized List<JobRecord> loadAll() {
        Map<String, JobRecord> jobs = new LinkedHashMap<>();
        try {
            for (byte[] bytes : new ArrayList<>(index.values())) keepNewest(jobs, decode(bytes, JobRecord.class));
        } catch (RuntimeException e) {
            log.warn("job journal index unreadable ({}); using the job files only", e.toString());
        }
        try (Stream<Path> dirs = Files.list(jobsDir)) {
            for (Path dir : dirs.toList()) {
                Path bin = dir.resolve("job.bin");
                if (!Files.isRegularFile(bin)) continue;
                JobRecord whole = decode(Files.readAllBytes(bin), JobRecord.class);
                if (whole == null) {
                    log.warn("job file {} is damaged; moved it to {}; the job comes back from the index or the peers", bin, setAside(bin));
                    // its changes follow that record, not whatever the index holds
                    if (Files.exists(dir.resolve("job.log"))) setAside(dir.resolve("job.log"));
                    continue;
                }
                keepNewest(jobs, whole);
                wholeBytes.put(whole.id(), Files.size(bin));
            }
        } catch (IOException e) {
            log.warn("cannot list job files: {}", e.toString());
        }
        jobs.replaceAll((id, whole) -> withChanges(whole));
        return new ArrayList<>(jobs.values());
    }

    /** The whole record with its logged changes; a torn or damaged change and what follows it are dropped. */
    private JobRecord withChanges(JobRecord whole) {
        Path file = changes(whole.id());
        try {
            ChangeLog.Contents c = ChangeLog.read(file);
            JobRecord r = whole;
            int applied = 0;
            for (byte[] entry : c.entries()) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(entry);
                long follows = entry.length > Long.BYTES ? b.getLong() : Long.MIN_VALUE;
                JobDelta d = follows == r.seq() ? decode(java.util.Arrays.copyOfRange(entry, Long.BYTES, entry.length), JobDelta.class) : null;
                if (d == null || d.epoch() != r.epoch()) {
                    log.warn("job {}: change {} of {} in {} does not follow the stored job; kept the job as of seq {}",
                            whole.id(), applied + 1, c.entries().size(), file, r.seq());
                    break;
                }
                r = JobJournal.apply(r, d);
                applied++;
            }
            if (c.torn()) {
                log.warn("job {}: the last change in {} was cut short (a crash while writing it); dropped it", whole.id(), file);
                ChangeLog.repair(file, c);
            }
            return r;
        } catch (IOException e) {
            log.warn("job {}: cannot read its changes ({}); moved them to {}", whole.id(), e.toString(), setAside(file));
            return whole;
        }
    }

    private static Path setAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            log.warn("cannot move {} aside: {}", file, e.toString());
        }
        return aside;
    }

    private static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            Object o = WireFormat.decodeStored(bytes);
            return type.isInstance(o) ? type.cast(o) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void keepNewest(Map<String, JobRecord> jobs, JobRecord r) {
        if (r == null) return;
        JobRecord old = jobs.get(r.id());
        if (old == null || r.newerThan(old)) jobs.put(r.id(), r);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (db != null && !db.isClosed()) db.close();
        } catch (RuntimeException | Error ignored) {
            // a damaged store may fail to close; it is replaced anyway
        }
    }

    /** A journal write that failed (a full disk, say): the change stays queued and is tried again. */
    public static final class JournalException extends RuntimeException {
        JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
