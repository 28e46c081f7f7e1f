package io.rendermesh.node.worker;

import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.render.RenderOutcome;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A finished part of a split frame, kept as a blob the coordinator fetches: for a split by samples
 * the part's summed passes, for a split by regions the PNG its renderer wrote. Runs on the render
 * thread (a part's sums are megabytes to write).
 */
final class PartResults {
    private PartResults() {
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
