package io.rendermesh.node.testkit;

import java.awt.image.BufferedImage;

/** How far apart two images are, for tests that compare renders. */
public final class Images {
    private Images() {
    }

    /** The mean absolute difference per channel, in 0-255 units, of two images of one size. */
    public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) sum += Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
