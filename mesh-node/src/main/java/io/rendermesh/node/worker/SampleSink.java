package io.rendermesh.node.worker;

import io.rendermesh.protocol.model.FramePart;
import java.awt.image.BufferedImage;

/** Where a running frame's samples go (to the watchers, through the sample relay). Never blocks. */
public interface SampleSink {
    /** @param part the part of a split frame the sample is of ({@code pass} of {@code passes} within it), or null */
    void offer(String jobId, int frame, int attempt, int pass, int passes, BufferedImage image, FramePart part);

    /** The frame (or this attempt's part of it) ended: drop any sample not yet sent, so none follows the result. */
    void frameEnded(String jobId, int frame, int attempt);
}
