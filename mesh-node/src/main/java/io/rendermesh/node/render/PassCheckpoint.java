package io.rendermesh.node.render;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The work a progressive render has done: {@code passes} whole passes summed per pixel and channel
 * in {@code accum} (linear radiance, width × height × 3). A render given it carries on at pass
 * {@code passes}; the builtin tracer's random numbers depend only on seed, pixel and pass, so the
 * frame ends exactly as if it had rendered in one go. Its bytes come from another node: checked.
 */
public record PassCheckpoint(int passes, int width, int height, double[] accum) {
    static final int MAGIC = 0x524d434b; // "RMCK"
    public static final int HEADER = 16;
    /** Frames are bounded long before this (NodeResources.maxFramePixels); a header must not make us allocate more. */
    static final long MAX_PIXELS = 1L << 26;

    public PassCheckpoint {
        if (passes < 1 || width < 1 || height < 1 || (long) width * height > MAX_PIXELS || accum.length != width * height * 3) {
            throw new IllegalArgumentException("not a checkpoint of " + width + "×" + height + " after " + passes + " passes");
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + accum.length * 8);
        b.putInt(MAGIC).putInt(passes).putInt(width).putInt(height);
        for (double v : accum) b.putDouble(v);
        return b.array();
    }

    /** A checkpoint from its bytes, which must be one for a {@code width}×{@code height} frame. */
    public static PassCheckpoint decode(byte[] bytes, int width, int height) throws IOException {
        if (bytes.length < HEADER) throw new IOException("a checkpoint of " + bytes.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC) throw new IOException("not a checkpoint");
        int passes = b.getInt();
        int w = b.getInt();
        int h = b.getInt();
        if (w != width || h != height) throw new IOException("a checkpoint of a " + w + "×" + h + " frame, not " + width + "×" + height);
        if (bytes.length != HEADER + (long) w * h * 3 * 8) throw new IOException("a checkpoint of the wrong length");
        double[] accum = new double[w * h * 3];
        for (int i = 0; i < accum.length; i++) {
            double v = b.getDouble();
            if (!Double.isFinite(v) || v < 0) throw new IOException("a checkpoint with a bad sample");
            accum[i] = v;
        }
        try {
            return new PassCheckpoint(passes, w, h, accum);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }
}
