package io.rendermesh.node.render;

import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.FramePart;
import java.nio.file.Path;

/**
 * One frame to render. {@code jobDir} holds the job's files at their bundle paths (read only);
 * {@code scratchDir} is empty and private to this attempt. {@code threads} is the number of cores
 * the slot may use; {@code samples} the initial sample target (it may change, see RenderControl);
 * {@code resume}, when not null, the passes another node did on this frame (renderers that cannot
 * carry on ignore it and start again). {@code part}, when not null, is the one part of a split frame
 * to render (see {@link io.rendermesh.protocol.model.FramePart}); {@code samples} is then its last pass.
 */
public record RenderRequest(String jobId, int frame, int attempt, JobProfile profile, Path jobDir, Path scratchDir,
                            int threads, int samples, long seed, PassCheckpoint resume, FramePart part) {

    public RenderRequest(String jobId, int frame, int attempt, JobProfile profile, Path jobDir, Path scratchDir,
                         int threads, int samples, long seed, PassCheckpoint resume) {
        this(jobId, frame, attempt, profile, jobDir, scratchDir, threads, samples, seed, resume, null);
    }

    /** A frame rendered from its first pass. */
    public RenderRequest(String jobId, int frame, int attempt, JobProfile profile, Path jobDir, Path scratchDir,
                         int threads, int samples, long seed) {
        this(jobId, frame, attempt, profile, jobDir, scratchDir, threads, samples, seed, null);
    }
}
