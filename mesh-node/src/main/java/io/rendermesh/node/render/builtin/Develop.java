package io.rendermesh.node.render.builtin;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Turns summed linear radiance into the picture users see: the mean per pixel, tone mapped (ACES fit) and sRGB encoded. */
public final class Develop {
    /**
     * LEVEL_START[k]: the least tone-mapped value that encodes to sRGB level k. Looking a value up
     * here instead of raising it to the power 1/2.4 makes developing a pass several times cheaper,
     * and it is done after every pass.
     */
    private static final double[] LEVEL_START = new double[256];
    /**
     * FIRST_LEVEL[j]: the level of the value j / HINTS, where the search for any value in
     * [j / HINTS, (j + 1) / HINTS) starts; the bins are narrower than the narrowest level's width
     * but one, so it moves up at most a step or two instead of a binary search's eight unpredictable ones.
     */
    private static final int HINTS = 4096;
    private static final byte[] FIRST_LEVEL = new byte[HINTS];

    static {
        for (int k = 1; k < 256; k++) LEVEL_START[k] = linearFromSrgb((k - 0.5) / 255);
        int level = 0;
        for (int j = 0; j < HINTS; j++) {
            while (level < 255 && (double) j / HINTS >= LEVEL_START[level + 1]) level++;
            FIRST_LEVEL[j] = (byte) level;
        }
    }

    private Develop() {
    }

    /** @param accum width × height × 3 sums of {@code passes} passes */
    public static BufferedImage image(double[] accum, int passes, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        rows(accum, passes, width, pixels(img), 0, height);
        return img;
    }

    /** The RGB ints behind an image made by {@link #image} or as TYPE_INT_RGB, to develop into in bands. */
    static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    /** Develops rows [y0, y1) of {@code accum} into {@code rgb}. */
    static void rows(double[] accum, int passes, int width, int[] rgb, int y0, int y1) {
        double inv = 1.0 / Math.max(1, passes);
        for (int p = y0 * width; p < y1 * width; p++) {
            int i = p * 3;
            rgb[p] = (encode(accum[i] * inv) << 16) | (encode(accum[i + 1] * inv) << 8) | encode(accum[i + 2] * inv);
        }
    }

    static int encode(double linear) {
        double v = linear * 0.8;
        double mapped = (v * (2.51 * v + 0.03)) / (v * (2.43 * v + 0.59) + 0.14);
        if (!(mapped > 0)) return 0;
        int level = FIRST_LEVEL[(int) Math.min(HINTS - 1, mapped * HINTS)] & 0xff;
        while (level < 255 && mapped >= LEVEL_START[level + 1]) level++;
        return level;
    }

    private static double linearFromSrgb(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
