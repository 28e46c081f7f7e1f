package io.rendermesh.node.render;

import java.awt.image.BufferedImage;

/**
 * The channel between a running render and the node. Methods may be called from any render
 * thread and never block for long: samples are handed over, not queued without bound.
 */
public interface RenderControl {

    /** True once the frame should stop: the job was cancelled or the frame went elsewhere. */
    boolean cancelled();

    /** True once the user accepted the current image: stop refining and write it as the final frame. */
    boolean acceptRequested();

    /** The current sample target; the user may raise or lower it while the frame renders. */
    int targetSamples();

    /** A progressive image after {@code pass} of {@code passes}. The image is not modified afterwards. */
    void sample(int pass, int passes, BufferedImage image);

    /** Progress without an image (e.g. an external renderer's percentage), as done of total. */
    void progress(int done, int total);

    /**
     * A render stopped before its end leaves the passes it completed, so another node can carry on
     * (only renderers that can resume call this).
     */
    default void checkpoint(PassCheckpoint work) {
    }
}
