package io.rendermesh.node.render;

import io.rendermesh.protocol.model.JobProfile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One render package (builtin, povray, blender, synthetic). Implementations render one frame per
 * call, in the request's scratch directory, and may be called from several threads at once.
 */
public interface Renderer {

    /** The package name used in job profiles, e.g. {@code "builtin"}. */
    String packageName();

    /** Whether a frame stopped midway leaves a {@link PassCheckpoint} another node can carry on from. */
    default boolean resumes() {
        return false;
    }

    /** The installed version, or empty when this host cannot run the renderer. */
    Optional<String> detectVersion();

    /**
     * Checks a job before it is accepted, with the job's files laid out under {@code jobDir}
     * (bundled scenes such as {@code builtin:demo} need none).
     *
     * @throws io.rendermesh.protocol.model.InvalidInputException with a message for the user
     */
    default void validate(JobProfile profile, Path jobDir) {
    }

    /** False when this renderer runs a peer's scene as a program outside any sandbox (shown to people). */
    default boolean confined() {
        return true;
    }

    /**
     * Renders one frame and writes it as a PNG in {@code request.scratchDir()}. Reports samples and
     * progress through {@code control} as it goes and checks {@link RenderControl#cancelled()}
     * between units of work.
     *
     * @throws RenderException when the frame cannot be rendered (the message is shown to the user)
     * @throws InterruptedException when cancelled by interrupt
     */
    RenderOutcome render(RenderRequest request, RenderControl control) throws RenderException, InterruptedException;
}
