package io.rendermesh.node;

import io.rendermesh.node.api.NodeApi.UploadTooLargeException;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.NodeResources;
import java.util.List;

/** The size checks a profile passes before any of its files are stored: pure, so tested without a node. */
final class SubmissionLimits {
    private SubmissionLimits() {
    }

    /** @throws UploadTooLargeException (HTTP 413) when the profile has more frames than this node takes in one job */
    static void checkFrameCount(JobProfile profile, int maxFramesPerJob) {
        int frames = profile.frameList().size();
        if (frames > maxFramesPerJob) {
            throw new UploadTooLargeException("the job has " + frames + " frames, more than this node's limit of "
                    + maxFramesPerJob + " frames per job");
        }
    }

    /**
     * A frame no node with the job's renderer can hold would wait forever (or, before placement
     * checked it, end in an OutOfMemoryError): refused at once. When no node has the renderer yet,
     * the job waits for one and placement checks the size then.
     *
     * @throws InvalidInputException (HTTP 400) naming the size and the largest frame on offer
     */
    static void checkFrameSize(JobProfile profile, List<NodeResources> nodes) {
        String pkg = profile.renderer().packageName();
        long largest = nodes.stream().filter(n -> n.renderers().stream().anyMatch(r -> r.packageName().equals(pkg)))
                .mapToLong(NodeResources::maxFramePixels).max().orElse(Long.MAX_VALUE);
        long pixels = (long) profile.width() * profile.height();
        if (pixels > largest) {
            throw new InvalidInputException("a " + profile.width() + "×" + profile.height() + " frame (" + pixels
                    + " pixels) is larger than any " + pkg + " node of this mesh can hold in memory (at most " + largest
                    + " pixels): use a smaller width or height");
        }
    }
}
