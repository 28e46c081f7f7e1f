package io.rendermesh.node.coordination;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.protocol.message.MeshMessage.Handback;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import java.util.HashMap;
import java.util.Map;

/**
 * Frames given back unfinished with their accumulated passes, until the next node takes them
 * (once). Kept by the coordinator in memory: after a coordinator change such a frame starts again
 * from its first pass, which costs time but never correctness. Confined to the node's loop.
 */
final class Handbacks {
    static final int MAX = 10_000;

    private record Given(int attempts, Handback work) {
    }

    private final Map<String, Given> given = new HashMap<>();

    /** The frame, released with {@code attempts} (as the table now has it), left its node with this work. */
    void remember(String jobId, int frame, int attempts, Handback work) {
        if (given.size() >= MAX) given.clear(); // far beyond any real mesh: forget rather than grow
        given.put(key(jobId, frame), new Given(attempts, work));
    }

    /** The work to carry on from when {@code f} is granted now (and forgets it), or null. */
    Handback take(JobEntry job, FrameRecord f) {
        Given g = given.remove(key(job.id(), f.frame()));
        // only the frame as it was left: pending since, not rendered or reset in between
        return g != null && f.state() == FrameState.PENDING && f.attempts() == g.attempts() ? g.work() : null;
    }

    private static String key(String jobId, int frame) {
        return jobId + "#" + frame;
    }
}
