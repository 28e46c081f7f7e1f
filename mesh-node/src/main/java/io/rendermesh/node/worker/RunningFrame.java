package io.rendermesh.node.worker;

import io.rendermesh.node.render.RenderControl;
import java.awt.image.BufferedImage;
import java.util.concurrent.Future;

/** One frame rendering on this node: the renderer's view of the user's input, and its progress. */
final class RunningFrame implements RenderControl {
    final String jobId;
    final int frame;
    final int attempt;
    /** The part of a split frame this is (its lease number is {@code attempt}), or null for a whole frame. */
    final io.rendermesh.protocol.model.FramePart part;
    /** A straggler's copy: rendered beside the frame's lease holder, quietly (the original's samples show). */
    final boolean copy;
    /** The coordinator that granted this lease (a split frame's parts belong to its split). */
    volatile String grantedBy;
    final long startedAt;
    /** When the render began (a frame of a chunk waits for its slot first); 0 until then. */
    volatile long renderStartedAt;
    private final SampleSink samples;
    private final ProgressListener progress;
    volatile boolean cancelled;
    volatile String cancelReason;
    volatile boolean accept;
    volatile int target;
    volatile long lastProgressMillis;
    volatile Future<?> task;
    volatile boolean timedOut;
    /** In its last pass: the worker may lease the slot's next frame already. */
    volatile boolean finishing;
    /** A frame of a chunk whose next chunk was already asked for: counted as ending when the slot asks again. */
    volatile boolean askedAhead;
    volatile long lastProgressSent;
    /** Given back to its coordinator (its desk's person came back, or paused it). */
    volatile boolean givenBack;
    /** The renderer returned: the frame is reported as it is, whatever happens now. */
    volatile boolean rendered;
    /** The passes of a frame given back, kept for the next node. */
    volatile io.rendermesh.protocol.message.MeshMessage.Handback kept;
    /** Progress as the renderer last told it. */
    volatile int done;
    volatile int total;
    volatile io.rendermesh.node.render.PassCheckpoint checkpoint;
    /** The work another node did on this frame, carried on from here (null: from the first pass). */
    volatile io.rendermesh.node.render.PassCheckpoint resume;

    interface ProgressListener {
        void progress(RunningFrame frame, int done, int total);
    }

    RunningFrame(String jobId, int frame, int attempt, io.rendermesh.protocol.model.FramePart part, int target, long now,
                 SampleSink samples, ProgressListener progress) {
        this.jobId = jobId;
        this.frame = frame;
        this.attempt = attempt;
        this.part = part;
        this.copy = part == null && io.rendermesh.node.jobs.LeaseNumbers.isCopy(attempt);
        this.target = target;
        this.lastProgressMillis = now;
        this.startedAt = now;
        this.samples = samples;
        this.progress = progress;
    }

    void cancel(String reason) {
        if (!cancelled) {
            cancelReason = reason;
            cancelled = true;
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public boolean acceptRequested() {
        return accept;
    }

    @Override
    public int targetSamples() {
        return target;
    }

    @Override
    public void sample(int pass, int passes, BufferedImage image) {
        if (cancelled) return;
        if (copy) {
            progress.progress(this, pass, passes);
            return;
        }
        // a part counts its own passes: the watchers add the parts' up
        int from = part == null ? 0 : part.fromPass();
        samples.offer(jobId, frame, attempt, pass - from, passes - from, image, part);
        progress.progress(this, pass - from, passes - from);
    }

    @Override
    public void checkpoint(io.rendermesh.node.render.PassCheckpoint work) {
        checkpoint = work;
    }

    @Override
    public void progress(int done, int total) {
        if (!cancelled) progress.progress(this, done, total);
    }

    /** The pass this render stops at: the job's sample target, and for a part of a split frame also the part's end. */
    static int target(io.rendermesh.protocol.model.FramePart part, int samples, int height) {
        return part == null || part.byRegion(height) ? samples : Math.min(part.toPass(), samples);
    }
}
