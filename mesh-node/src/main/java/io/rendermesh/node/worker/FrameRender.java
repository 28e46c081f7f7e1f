package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.storage.FrameStore;
import io.rendermesh.protocol.message.MeshMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The render thread's side of one frame: runs the renderer in a scratch folder of the attempt's
 * own, keeps what it made (the frame in the frame store, a part's result or a given-back frame's
 * passes as a blob: megabytes, so here and not on the loop), and tells the loop how it ended.
 */
final class FrameRender {
    private static final Logger log = LoggerFactory.getLogger(FrameRender.class);

    /** How a render ended, told from the render thread. */
    interface Ending {
        /** The render began (a frame of a chunk may have waited for its slot). */
        void started(RunningFrame rf);

        void frame(RunningFrame rf, byte[] png, boolean accepted);

        void part(RunningFrame rf, PartResults.Kept kept);

        void stopped(RunningFrame rf, String error);
    }

    private final String self;
    private final FrameStore frames;
    private final JobFiles files;
    private final SampleSink samples;
    private final Clock clock;
    private final IntSupplier threads;
    private final Ending ending;
    private final java.util.concurrent.Executor storing;

    FrameRender(String self, FrameStore frames, JobFiles files, SampleSink samples, Clock clock, IntSupplier threads, Ending ending,
                java.util.concurrent.Executor storing) {
        this.self = self;
        this.frames = frames;
        this.files = files;
        this.samples = samples;
        this.clock = clock;
        this.threads = threads;
        this.ending = ending;
        this.storing = storing;
    }

    void run(RunningFrame rf, Renderer renderer, JobEntry job, Path dir) {
        Path scratch = null;
        try {
            rf.renderStartedAt = clock.millis();
            ending.started(rf);
            scratch = files.scratchDir(rf.jobId, rf.frame, rf.attempt);
            long seed = rf.jobId.hashCode() * 31L + rf.frame;
            RenderRequest req = new RenderRequest(rf.jobId, rf.frame, rf.attempt, job.profile(), dir, scratch,
                    threads.getAsInt(), rf.target, seed, rf.resume, rf.part);
            RenderOutcome outcome = renderer.render(req, rf);
            rf.rendered = true;
            samples.frameEnded(rf.jobId, rf.frame, rf.attempt);
            if (rf.part != null) {
                ending.part(rf, PartResults.keep(rf, outcome, files));
                return;
            }
            // a frame given back in its very last moment is done all the same: better reported than rendered again
            if (rf.cancelled && !(rf.givenBack && outcome != null && outcome.png() != null && Files.isRegularFile(outcome.png()))) {
                ending.stopped(rf, rf.cancelReason);
                return;
            }
            if (outcome == null || outcome.png() == null || !Files.isRegularFile(outcome.png())) {
                throw new RenderException("renderer wrote no image");
            }
            boolean accepted = outcome.accepted();
            Path image = outcome.png();
            Path written = scratch;
            // read, stored (and synced) and the scratch folder removed off the render thread, so the
            // slot's next frame starts now (for 20 ms frames this was a fifth of the slot's time); reported once stored
            storing.execute(() -> {
                try {
                    byte[] png = Files.readAllBytes(image);
                    frames.put(rf.jobId, rf.frame, png);
                    ending.frame(rf, png, accepted);
                } catch (java.io.IOException | RuntimeException e) {
                    ending.stopped(rf, "cannot store the frame: " + e.getMessage());
                } finally {
                    deleteQuietly(written);
                }
            });
            scratch = null; // the store task removes it
        } catch (InterruptedException e) {
            samples.frameEnded(rf.jobId, rf.frame, rf.attempt);
            if (rf.givenBack) keepCheckpoint(rf);
            ending.stopped(rf, rf.cancelReason != null ? rf.cancelReason : "interrupted");
        } catch (RenderException e) {
            samples.frameEnded(rf.jobId, rf.frame, rf.attempt);
            ending.stopped(rf, e.getMessage());
        } catch (Exception | Error e) {
            samples.frameEnded(rf.jobId, rf.frame, rf.attempt);
            log.warn("job {} frame {}: renderer error", rf.jobId, rf.frame, e);
            ending.stopped(rf, "renderer error: " + e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The passes of a frame given back, kept as a blob peers can fetch. */
    private void keepCheckpoint(RunningFrame rf) {
        PassCheckpoint work = rf.checkpoint;
        if (work == null) return;
        try {
            byte[] bytes = work.encode();
            rf.kept = new MeshMessage.Handback(self, work.passes(), files.keep(bytes), bytes.length);
        } catch (java.io.IOException | RuntimeException e) {
            log.info("job {} frame {}: its passes cannot be kept ({}); it starts again elsewhere", rf.jobId, rf.frame, e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            io.rendermesh.node.storage.Folders.deleteTree(dir);
        } catch (java.io.IOException | RuntimeException ignored) {
            // scratch space; a leftover is harmless and cleaned at the next start
        }
    }
}
