package io.rendermesh.node.worker;

import java.awt.image.BufferedImage;

/** Where a running frame's samples go (to the watchers, through the sample relay). Never blocks. */
public interface SampleSink {
    void offer(String jobId, int frame, int attempt, int pass, int passes, BufferedImage image);

    /** The frame ended: drop any sample of it not yet sent, so none follows the frame's result. */
    void frameEnded(String jobId, int frame);
}
