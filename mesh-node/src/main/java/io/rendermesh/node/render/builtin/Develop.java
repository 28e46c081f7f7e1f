package io.rendermesh.node.render.builtin;

import java.awt.image.BufferedImage;

/** Turns summed linear radiance into the picture users see: the mean per pixel, tone mapped (ACES fit) and sRGB encoded. */
public final class Develop {
    private Develop() {
    }

    /** @param accum width × height × 3 sums of {@code passes} passes */
    public static BufferedImage image(double[] accum, int passes, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        double inv = 1.0 / Math.max(1, passes);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                row[x] = (encode(accum[i] * inv) << 16) | (encode(accum[i + 1] * inv) << 8) | encode(accum[i + 2] * inv);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    static int encode(double linear) {
        double v = linear * 0.8;
        double mapped = (v * (2.51 * v + 0.03)) / (v * (2.43 * v + 0.59) + 0.14);
        mapped = Math.max(0, Math.min(1, mapped));
        double srgb = mapped <= 0.0031308 ? 12.92 * mapped : 1.055 * Math.pow(mapped, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, srgb)) * 255);
    }
}
