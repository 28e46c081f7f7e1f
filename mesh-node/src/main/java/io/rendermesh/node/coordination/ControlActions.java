package io.rendermesh.node.coordination;

import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.jobs.FrameTransitions;
import io.rendermesh.node.jobs.JobEntry;
import io.rendermesh.node.jobs.JobTable;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobState;
import java.util.function.BiConsumer;

/**
 * Applies the user's control input to a job its coordinator holds. Every action is idempotent:
 * repeating it answers 202 and changes nothing more.
 */
final class ControlActions {
    private ControlActions() {
    }

    /** @param acceptOnWorker asks the worker rendering a frame to finalize its current image */
    static ControlOutcome apply(JobTable.Change change, String action, Integer frame, Integer value,
                               BiConsumer<FrameRecord, String> acceptOnWorker) {
        JobEntry job = change.job();
        if (action == null) return bad("action is required");
        switch (action) {
            case "pause" -> {
                if (job.state().terminal()) return conflict("job is " + job.state().wireName());
                change.state(JobState.PAUSED);
            }
            case "resume" -> {
                if (job.state().terminal() && job.state() != JobState.CANCELLED) return ControlOutcome.accepted();
                if (job.state() == JobState.CANCELLED) return conflict("job is cancelled; re-submit it to render again");
                change.state(JobState.RUNNING);
            }
            case "cancel" -> {
                if (job.state() == JobState.DONE) return ControlOutcome.accepted();
                for (int n : job.profile().frameList()) change.put(FrameTransitions.cancel(job.frame(n)));
                change.state(JobState.CANCELLED);
            }
            case "priority" -> {
                if (value == null || value < 0 || value > 100) return bad("priority needs a value between 0 and 100");
                change.priority(value);
            }
            case "set-samples" -> {
                if (value == null || value < 1 || value > JobProfile.MAX_SAMPLES) {
                    return bad("set-samples needs a value between 1 and " + JobProfile.MAX_SAMPLES);
                }
                change.samples(value);
                for (int n : job.profile().frameList()) change.put(FrameTransitions.retarget(job.frame(n), value));
            }
            case "accept-frame" -> {
                ControlOutcome check = checkFrame(job, frame);
                if (check != null) return check;
                FrameRecord f = job.frame(frame);
                if (f.state() == FrameState.DONE) return ControlOutcome.accepted();
                if (!f.state().inFlight() || f.samplesDone() < 1) {
                    return conflict("frame " + frame + " has no sample yet (it is " + f.state().wireName() + ")");
                }
                acceptOnWorker.accept(f, f.node());
            }
            case "rerender-frame" -> {
                ControlOutcome check = checkFrame(job, frame);
                if (check != null) return check;
                if (job.state() == JobState.CANCELLED) return conflict("job is cancelled");
                change.put(FrameTransitions.reopen(job.frame(frame), job.samples()));
            }
            default -> {
                return bad("unknown action '" + action
                        + "': use pause, resume, cancel, priority, set-samples, accept-frame or rerender-frame");
            }
        }
        return ControlOutcome.accepted();
    }

    private static ControlOutcome checkFrame(JobEntry job, Integer frame) {
        if (frame == null) return bad("this action needs a frame");
        if (!job.hasFrame(frame)) return bad("frame " + frame + " is not in this job (frames " + job.profile().frames() + ")");
        return null;
    }

    private static ControlOutcome bad(String msg) {
        return ControlOutcome.badInput(msg);
    }

    private static ControlOutcome conflict(String msg) {
        return ControlOutcome.conflict(msg);
    }
}
