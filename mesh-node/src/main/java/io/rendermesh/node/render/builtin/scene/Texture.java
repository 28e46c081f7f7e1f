package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.math.Vec3;
import java.awt.image.BufferedImage;

/** An image texture in linear RGB, sampled with bilinear filtering and wrapping. */
public final class Texture {
    private final int width;
    private final int height;
    private final float[] rgb;

    public Texture(BufferedImage image) {
        width = image.getWidth();
        height = image.getHeight();
        rgb = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = image.getRGB(x, y);
                int i = (y * width + x) * 3;
                rgb[i] = (float) srgbToLinear(((p >> 16) & 0xff) / 255.0);
                rgb[i + 1] = (float) srgbToLinear(((p >> 8) & 0xff) / 255.0);
                rgb[i + 2] = (float) srgbToLinear((p & 0xff) / 255.0);
            }
        }
    }

    static double srgbToLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    public Vec3 sample(double u, double v) {
        double x = (u - Math.floor(u)) * width - 0.5;
        double y = (v - Math.floor(v)) * height - 0.5;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        Vec3 a = texel(x0, y0).lerp(texel(x0 + 1, y0), fx);
        Vec3 b = texel(x0, y0 + 1).lerp(texel(x0 + 1, y0 + 1), fx);
        return a.lerp(b, fy);
    }

    private Vec3 texel(int x, int y) {
        x = Math.floorMod(x, width);
        y = Math.floorMod(y, height);
        int i = (y * width + x) * 3;
        return new Vec3(rgb[i], rgb[i + 1], rgb[i + 2]);
    }
}
