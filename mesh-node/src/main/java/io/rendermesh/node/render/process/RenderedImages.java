package io.rendermesh.node.render.process;

import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.input.ImageBounds;
import io.rendermesh.protocol.model.InvalidInputException;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Finding and reading the image an external renderer wrote, whose exact name it chooses itself. */
public final class RenderedImages {
    private RenderedImages() {
    }

    /** The single PNG in {@code dir}; empty directory or unreadable image is the renderer's failure. */
    public static Path onlyPng(Path dir, String tail) throws RenderException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> pngs = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted().toList();
            if (pngs.isEmpty()) throw new RenderException("renderer wrote no image" + lastOutput(tail));
            return pngs.get(pngs.size() - 1);
        } catch (IOException e) {
            throw new RenderException("renderer wrote no image" + lastOutput(tail), e);
        }
    }

    /** The image, decoded only once its header passes {@link ImageBounds#FRAME}: a scene can make a renderer write anything. */
    public static BufferedImage read(Path png, String tail) throws RenderException {
        try {
            return ImageBounds.FRAME.read(png, png.getFileName().toString());
        } catch (InvalidInputException e) {
            throw new RenderException("renderer wrote an unusable image: " + e.getMessage() + lastOutput(tail), e);
        }
    }

    /** The image at exactly this size, bilinear (a pre-pass shown at the frame's size, a preview made smaller). */
    public static BufferedImage scaled(BufferedImage src, int width, int height) {
        if (src.getWidth() == width && src.getHeight() == height) return src;
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return dst;
    }

    public static void writePng(BufferedImage img, Path png) throws RenderException {
        try {
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new RenderException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    public static String lastOutput(String tail) {
        return tail == null || tail.isBlank() ? "" : "; last output:\n" + tail;
    }
}
