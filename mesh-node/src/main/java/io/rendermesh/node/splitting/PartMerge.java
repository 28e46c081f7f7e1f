package io.rendermesh.node.splitting;

import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.render.builtin.Develop;
import io.rendermesh.protocol.model.FramePart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Puts a split frame's parts together into the frame, as a PNG. Every part's bytes come from a peer: checked. */
public final class PartMerge {
    private PartMerge() {
    }

    /** A finished part's bytes: summed passes (a split by samples) or a PNG (by regions); {@code passes} as its node reported. */
    public record PartBytes(FramePart part, byte[] bytes, int passes) {
    }

    /**
     * A split by samples: the parts' sums added up, divided by all their passes, developed as one
     * frame (the same picture one node would have rendered with those passes).
     */
    public static byte[] bySamples(List<PartBytes> parts, int width, int height) throws IOException {
        if (parts.isEmpty()) throw new IOException("no part to merge");
        double[] sum = new double[width * height * 3];
        long passes = 0;
        for (PartBytes p : parts) {
            PassCheckpoint c = PassCheckpoint.decode(p.bytes(), width, height);
            if (c.passes() != p.passes()) throw new IOException("a part holding " + c.passes() + " passes, reported as " + p.passes());
            double[] a = c.accum();
            for (int i = 0; i < sum.length; i++) sum[i] += a[i];
            passes += c.passes();
        }
        return png(Develop.image(sum, (int) Math.min(Integer.MAX_VALUE, passes), width, height));
    }

    /**
     * A split by regions: each part's rows copied into the frame. A part's PNG is either the whole
     * frame (rows outside its region ignored) or just its rows.
     */
    public static byte[] byRegions(List<PartBytes> parts, int width, int height) throws IOException {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (PartBytes p : parts) {
            BufferedImage img = decode(p.bytes(), width, height);
            FramePart part = p.part();
            if (part.rowTo() > height) throw new IOException("part rows " + part.rowFrom() + "-" + part.rowTo() + " past the frame's " + height);
            int rows = part.rowTo() - part.rowFrom();
            int offset;
            if (img.getWidth() != width) throw new IOException("a part " + img.getWidth() + " pixels wide, not " + width);
            if (img.getHeight() == height) offset = part.rowFrom();
            else if (img.getHeight() == rows) offset = 0;
            else throw new IOException("a part of " + img.getHeight() + " rows, neither the frame's " + height + " nor its own " + rows);
            for (int y = 0; y < rows; y++) {
                img.getRGB(0, offset + y, width, 1, row, 0, width);
                frame.setRGB(0, part.rowFrom() + y, width, 1, row, 0, width);
            }
        }
        return png(frame);
    }

    private static BufferedImage decode(byte[] bytes, int width, int height) throws IOException {
        if (bytes.length < 24 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') throw new IOException("a part that is not a PNG");
        // the header's size, before the decoder allocates for it
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes, 16, 8);
        long w = Integer.toUnsignedLong(header.getInt());
        long h = Integer.toUnsignedLong(header.getInt());
        if (w != width || h > height) throw new IOException("a part of " + w + "×" + h + " for a frame of " + width + "×" + height);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        if (img == null) throw new IOException("an unreadable part");
        if ((long) img.getWidth() * img.getHeight() > (long) width * height) throw new IOException("a part larger than its frame");
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
