package io.rendermesh.node.storage;

import io.rendermesh.protocol.model.JobRecord;
import java.util.List;

/**
 * The node's local copy of the job table, so a restarted node remembers its jobs. Backed by MapDB
 * as a rebuildable index: if the store cannot be opened or read it is moved aside, a warning is
 * logged, and the table is rebuilt from the job files under the data dir (and later from peers).
 */
public interface JobJournal extends AutoCloseable {

    void save(JobRecord job);

    void remove(String jobId);

    /** Every job known at start, rebuilt from files when the store was damaged. */
    List<JobRecord> loadAll();

    @Override
    void close();
}
