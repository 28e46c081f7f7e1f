package io.rendermesh.node.storage;

import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The job journal. Each job's latest record is written as {@code jobs/<id>/job.bin} (atomically:
 * the ground truth) and indexed in MapDB ({@code journal.db}). MapDB can be damaged by kill -9
 * (FIELD-NOTES), so a store that fails to open or read is moved aside with one warning and
 * rebuilt from the job files: the node always starts.
 */
public final class MapDbJobJournal implements JobJournal {
    private static final Logger log = LoggerFactory.getLogger(MapDbJobJournal.class);
    private final Path dataDir;
    private final Path jobsDir;
    private DB db;
    private ConcurrentMap<String, byte[]> index;

    public MapDbJobJournal(Path dataDir) throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        this.jobsDir = Files.createDirectories(dataDir.resolve("jobs"));
        open();
    }

    private void open() {
        Path file = dataDir.resolve("journal.db");
        try {
            openAt(file);
            for (Map.Entry<String, byte[]> e : index.entrySet()) e.getValue().clone(); // reads every entry: damage shows here
        } catch (RuntimeException | Error e) {
            closeQuietly();
            Path aside = dataDir.resolve("journal.db.corrupt-" + System.currentTimeMillis());
            log.warn("job journal {} is damaged ({}); moved it to {} and rebuilding from {}", file, e, aside, jobsDir);
            try {
                Files.move(file, aside);
                for (String extra : List.of(".wal.0", ".wal.1", ".p")) Files.deleteIfExists(Path.of(file + extra));
            } catch (IOException moveFailed) {
                log.warn("cannot move the damaged journal aside: {}", moveFailed.toString());
            }
            openAt(file);
        }
    }

    private void openAt(Path file) {
        db = DBMaker.fileDB(file.toFile()).fileChannelEnable().transactionEnable().closeOnJvmShutdown().make();
        index = db.hashMap("jobs", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    }

    @Override
    public synchronized void save(JobRecord job) {
        byte[] bytes = WireFormat.encodeObject(job);
        try {
            AtomicFiles.write(jobsDir.resolve(job.id()).resolve("job.bin"), bytes);
        } catch (IOException e) {
            log.warn("cannot write job file of {}: {}", job.id(), e.toString());
        }
        try {
            index.put(job.id(), bytes);
            db.commit();
        } catch (RuntimeException e) {
            log.warn("job journal index write failed for {}: {} (the job file is kept)", job.id(), e.toString());
        }
    }

    @Override
    public synchronized void remove(String jobId) {
        try {
            index.remove(jobId);
            db.commit();
            Files.deleteIfExists(jobsDir.resolve(jobId).resolve("job.bin"));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot remove job {} from the journal: {}", jobId, e.toString());
        }
    }

    @Override
    public synchronized List<JobRecord> loadAll() {
        Map<String, JobRecord> jobs = new LinkedHashMap<>();
        try {
            for (byte[] bytes : new ArrayList<>(index.values())) keepNewest(jobs, decode(bytes));
        } catch (RuntimeException e) {
            log.warn("job journal index unreadable ({}); using the job files only", e.toString());
        }
        try (Stream<Path> dirs = Files.list(jobsDir)) {
            for (Path dir : dirs.toList()) {
                Path bin = dir.resolve("job.bin");
                if (Files.isRegularFile(bin)) keepNewest(jobs, decode(Files.readAllBytes(bin)));
            }
        } catch (IOException e) {
            log.warn("cannot list job files: {}", e.toString());
        }
        return new ArrayList<>(jobs.values());
    }

    private static JobRecord decode(byte[] bytes) {
        try {
            return WireFormat.decodeStored(bytes) instanceof JobRecord r ? r : null;
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

}
