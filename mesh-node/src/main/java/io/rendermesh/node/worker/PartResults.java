package io.rendermesh.node.worker;

import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.render.RenderOutcome;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The finished parts of split frames this node rendered, kept as blobs the coordinator fetches:
 * for a split by samples the part's summed passes, for a split by regions the PNG its renderer
 * wrote. {@link #keep} runs on the render thread (a part's sums are megabytes to write); the rest
 * on the loop, which deletes them once their frame has ended.
 */
final class PartResults {
    private final java.util.Map<String, java.util.List<String>> kept = new java.util.HashMap<>();

    void remember(String jobId, int frame, String sha256) {
        kept.computeIfAbsent(jobId + "#" + frame, k -> new java.util.ArrayList<>()).add(sha256);
    }

    /** The results kept for frames of {@code job} that ended (put together, cancelled, failed) are deleted. */
    void dropEnded(io.rendermesh.node.jobs.JobEntry job, JobFiles files) {
        if (kept.isEmpty()) return;
        kept.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(job.id() + "#")) return false;
            var f = job.frame(Integer.parseInt(e.getKey().substring(job.id().length() + 1)));
            if (f != null && !f.state().terminal() && !job.state().terminal()) return false;
            e.getValue().forEach(files::drop);
            return true;
        });
    }

    /** What became of a part's result: kept as blob {@code sha256}, or {@code error}. */
    record Kept(String sha256, long size, int passes, boolean accepted, String error) {
        static Kept failed(String error) {
            return new Kept(null, 0, 0, false, error);
        }
    }

    static Kept keep(RunningFrame rf, RenderOutcome outcome, JobFiles files) {
        try {
            byte[] bytes;
            int passes;
            PassCheckpoint sums = rf.checkpoint;
            if (sums != null) {
                bytes = sums.encode();
                passes = sums.passes();
            } else if (outcome != null && outcome.png() != null && Files.isRegularFile(outcome.png())) {
                bytes = Files.readAllBytes(outcome.png());
                passes = outcome.passesDone();
            } else {
                return Kept.failed("renderer left no result for part " + (rf.part.index() + 1) + " of frame " + rf.frame);
            }
            return new Kept(files.keep(bytes), bytes.length, passes, outcome != null && outcome.accepted(), null);
        } catch (IOException | RuntimeException e) {
            return Kept.failed("cannot keep part " + (rf.part.index() + 1) + " of frame " + rf.frame + ": " + e.getMessage());
        }
    }
}
