package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.message.MeshMessage.JobDelta;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal stores a job whole once, then change by change, and sets aside whatever it finds damaged. */
class MapDbJobJournalTest {
    private static final int FRAMES = 2_000;
    @TempDir
    Path dir;

    private static JobRecord job(String id) throws Exception {
        List<FrameRecord> frames = new ArrayList<>();
        for (int i = 1; i <= FRAMES; i++) frames.add(FrameRecord.pending(i, 16));
        return new JobRecord(id, JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + FRAMES + "\"}"),
                List.of(), "a", "a", "default", JobState.RUNNING, 50, 16, 1, 1, 0, frames, Set.of(), null);
    }

    private static JobDelta frameDone(String id, long seq, int frame) {
        FrameRecord f = new FrameRecord(frame, FrameState.DONE, "b", "default", 1, 16, 16, false, null, 0);
        return new JobDelta(id, 1, seq, JobState.RUNNING, 50, 16, null, Set.of(), List.of(f));
    }

    private Path jobFile(String id, String name) {
        return dir.resolve("jobs").resolve(id).resolve(name);
    }

    private long aside(Path folder, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix + ".corrupt-")).count();
        }
    }

    @Test
    void aChangeIsStoredAsTheChangeNotTheWholeJob() throws Exception {
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            journal.save(job("j1"));
            long whole = Files.size(jobFile("j1", "job.bin"));
            for (int i = 1; i <= 20; i++) assertFalse(journal.append(frameDone("j1", i, i)));
            assertEquals(whole, Files.size(jobFile("j1", "job.bin")), "the whole record is not rewritten");
            long perChange = Files.size(jobFile("j1", "job.log")) / 20;
            assertTrue(perChange * 50 < whole, perChange + " bytes a change against " + whole + " for the job");
        }
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            JobRecord back = journal.loadAll().get(0);
            assertEquals(20, back.seq());
            assertEquals(20, back.framesDone());
        }
    }

    @Test
    void changesOutweighingTheJobAskForItWholeAgain() throws Exception {
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            journal.save(job("j1"));
            int appended = 0;
            while (appended < 100_000 && !journal.append(frameDone("j1", appended + 1, appended % FRAMES + 1))) appended++;
            assertTrue(appended > 100 && appended < 100_000, "asked for a whole record after " + appended + " changes");
            journal.save(JobJournal.apply(job("j1"), frameDone("j1", appended + 1, 1)));
            assertFalse(Files.exists(jobFile("j1", "job.log")), "the whole record holds the changes now");
        }
    }

    @Test
    void aChangeCutShortByACrashIsDroppedAndTheNextOneFollowsTheLastWholeChange() throws Exception {
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            journal.save(job("j1"));
            for (int i = 1; i <= 3; i++) journal.append(frameDone("j1", i, i));
        }
        Path log = jobFile("j1", "job.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(f.length() - 5);
        }
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            JobRecord back = journal.loadAll().get(0);
            assertEquals(2, back.framesDone());
            assertTrue(journal.append(frameDone("j1", 3, 7)), "a job loaded at start is stored whole before its next change");
            journal.save(back);
            assertFalse(journal.append(frameDone("j1", 3, 7)));
        }
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            JobRecord back = journal.loadAll().get(0);
            assertEquals(3, back.framesDone());
            assertEquals(FrameState.DONE, back.frames().get(6).state());
        }
    }

    @Test
    void flippedBytesInTheStoreAndATruncatedJobFileAreSetAsideAndTheNodeStarts() throws Exception {
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            journal.save(job("j1"));
            journal.save(job("j2"));
            journal.append(frameDone("j2", 1, 5));
        }
        Path store = dir.resolve("journal.db");
        try (RandomAccessFile f = new RandomAccessFile(store.toFile(), "rw")) {
            for (long at = 0; at < f.length(); at += 97) {
                f.seek(at);
                f.write(0x5a);
            }
        }
        Path bin = jobFile("j1", "job.bin");
        try (RandomAccessFile f = new RandomAccessFile(bin.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            List<JobRecord> back = journal.loadAll();
            assertEquals(List.of("j2"), back.stream().map(JobRecord::id).toList(), "j1 is left to come back from the peers");
            assertEquals(1, back.get(0).framesDone());
            journal.save(job("j3"));
        }
        assertEquals(1, aside(dir, "journal.db"), "the damaged store is kept for a look, not deleted");
        assertEquals(1, aside(bin.getParent(), "job.bin"));
        try (MapDbJobJournal journal = new MapDbJobJournal(dir)) {
            assertEquals(Set.of("j2", "j3"), Set.copyOf(journal.loadAll().stream().map(JobRecord::id).toList()));
        }
    }
}
