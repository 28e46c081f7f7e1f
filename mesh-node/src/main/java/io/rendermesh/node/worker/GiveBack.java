package io.rendermesh.node.worker;

import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.protocol.message.MeshMessage.FrameFailed;
import io.rendermesh.protocol.message.MeshMessage.FrameHandback;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How frames leave a workstation whose person came back (or paused it): each goes back to its
 * coordinator with the passes done where the renderer can resume, starts again elsewhere where it
 * cannot, or (nearly done) finishes here at low priority. The choice is pure ({@link #way}).
 * Used on the node's loop thread.
 */
final class GiveBack {
    private static final Logger log = LoggerFactory.getLogger(GiveBack.class);

    enum Way {
        /** The renderer leaves its passes; the next node carries on from them. */
        CARRY_ON_ELSEWHERE,
        /** The renderer cannot resume: the frame starts again on another node. */
        START_AGAIN_ELSEWHERE,
        /** Past 90 % on a renderer that cannot resume: starting again would waste more than finishing here, at low priority. */
        FINISH_HERE_NICELY
    }

    private final String self;
    private final JobTable table;
    private final RendererRegistry renderers;
    private final MeshTransport transport;

    GiveBack(String self, JobTable table, RendererRegistry renderers, MeshTransport transport) {
        this.self = self;
        this.table = table;
        this.renderers = renderers;
        this.transport = transport;
    }

    /** Every frame rendering here goes back (not counted as an attempt); the render threads stop at their next check. */
    void all(Collection<RunningFrame> running, String reason) {
        boolean finishingHere = false;
        for (RunningFrame rf : running) {
            // a frame already rendered is reported as it is; one already stopping says so itself
            if (rf.cancelled || rf.rendered) continue;
            JobEntry job = table.get(rf.jobId);
            boolean resumable = job != null && renderers.get(job.profile().renderer().packageName()).map(Renderer::resumes).orElse(false);
            if (way(resumable, rf.done, rf.total) == Way.FINISH_HERE_NICELY) {
                finishingHere = true;
                log.info("job {} frame {} finishes on {} at low priority ({} of {} done): {}", rf.jobId, rf.frame, self, rf.done, rf.total, reason);
                continue;
            }
            if (rf.part != null || rf.copy) {
                // a part (or a copy) is simply given back: the coordinator leases it again
                rf.cancel(reason);
                if (job != null) transport.send(job.coordinator(), new FrameFailed(rf.jobId, rf.frame, rf.attempt, self, reason, false));
                continue;
            }
            // the render's end sends the one message the coordinator gets for it ({@link #stopped}): the passes done, or a plain release
            rf.givenBack = true;
            rf.cancel(reason);
            // a renderer that resumes stops at its next tile by itself; interrupting could hit it writing a finished frame
            if (rf.task != null && !resumable) rf.task.cancel(true);
            log.info("job {} frame {} given back by {}: {}", rf.jobId, rf.frame, self, reason);
        }
        if (finishingHere) CompletableFuture.runAsync(GiveBack::lowerRenderPriority);
    }

    /** A frame given back stopped: its coordinator gets its passes (kept here for the next node) or a release. */
    void stopped(RunningFrame rf, JobEntry job) {
        if (rf.kept != null) {
            transport.send(job.coordinator(), new FrameHandback(rf.jobId, rf.frame, rf.attempt, rf.cancelReason, rf.kept));
            log.info("job {} frame {}: {} passes kept for the next node", rf.jobId, rf.frame, rf.kept.passes());
        } else {
            transport.send(job.coordinator(), new FrameFailed(rf.jobId, rf.frame, rf.attempt, self, rf.cancelReason, false));
        }
    }

    static Way way(boolean resumable, int done, int total) {
        if (resumable) return Way.CARRY_ON_ELSEWHERE;
        return total > 0 && done * 10L >= total * 9L ? Way.FINISH_HERE_NICELY : Way.START_AGAIN_ELSEWHERE;
    }

    /**
     * Lowers every render process of this node to the lowest priority ({@code renice 19}): the
     * frames finishing here are its only renders left, the others were given back. Best effort.
     */
    static void lowerRenderPriority() {
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", "19", "-p"));
        ProcessHandle.current().descendants().forEach(p -> cmd.add(Long.toString(p.pid())));
        if (cmd.size() == 4) return;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (java.io.IOException e) {
            log.info("cannot lower the render priority ({})", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
