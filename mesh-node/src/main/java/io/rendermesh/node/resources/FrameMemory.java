package io.rendermesh.node.resources;

/**
 * How large a frame one slot of this node can hold in memory. The builtin renderer keeps, per
 * pixel, an accumulation buffer of three doubles (24 bytes) and the image of each pass (4 bytes),
 * and the preview path may still hold the previous pass's image (4 bytes). External renderers need
 * less in the node (their output image and a scaled copy), so the builtin figure is the safe one.
 */
public final class FrameMemory {
    public static final int BYTES_PER_PIXEL = 24 + 4 + 4;
    /** The node itself needs the rest: job table, blobs in flight, previews, HTTP. */
    static final double FRAME_SHARE_OF_MEMORY = 0.5;

    private FrameMemory() {
    }

    /**
     * @param maxHeapBytes   the JVM's heap limit ({@code Runtime.maxMemory()}; Long.MAX_VALUE when unbounded)
     * @param physicalBytes  the host's memory (0 when unknown)
     * @param slots          frames this node renders at once
     */
    public static long maxFramePixels(long maxHeapBytes, long physicalBytes, int slots) {
        long memory = physicalBytes > 0 ? Math.min(maxHeapBytes, physicalBytes) : maxHeapBytes;
        return (long) (memory * FRAME_SHARE_OF_MEMORY) / Math.max(1, slots) / BYTES_PER_PIXEL;
    }
}
