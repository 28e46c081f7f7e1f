package io.rendermesh.web;

import io.rendermesh.node.render.process.RenderedImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Scales PNG/JPEG images down for tiles; an image already narrow enough is passed through untouched. */
final class Thumbnails {
    record Image(byte[] bytes, String mime) {
    }

    private Thumbnails() {
    }

    static Image scale(byte[] bytes, String mime, int maxWidth) {
        try {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(bytes));
            if (src == null || src.getWidth() <= maxWidth) return new Image(bytes, mime);
            int h = Math.max(1, (int) Math.round(src.getHeight() * (double) maxWidth / src.getWidth()));
            BufferedImage dst = RenderedImages.scaled(src, maxWidth, h);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // a tile is a preview of the look, not the deliverable: JPEG keeps 240 of them light
            ImageIO.write(dst, "jpg", out);
            return new Image(out.toByteArray(), "image/jpeg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
