package io.rendermesh.node.render.input;

import io.rendermesh.protocol.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an untrusted image only after its header says it fits: a 2 KB PNG can declare
 * 100000×100000 pixels, and ImageIO would try to allocate 40 GB for it inside the node. The size
 * is read with an {@link ImageReader} (header only), then checked against these bounds.
 *
 * @param maxSide   pixels per side
 * @param maxPixels width × height
 * @param maxBytes  size of the encoded file
 */
public record ImageBounds(int maxSide, long maxPixels, long maxBytes) {
    /** Textures: stored as linear floats (12 bytes a pixel), so 16 Mpixel is already about 200 MB. */
    public static final ImageBounds TEXTURE = new ImageBounds(16_384, 16L << 20, 256L << 20);
    /** Frames an external renderer wrote: up to the largest frame a profile may ask for. */
    public static final ImageBounds FRAME = new ImageBounds(16_384, 64L << 20, 1L << 30);

    /** Width and height as the header declares them. */
    public record Size(int width, int height) {
    }

    public BufferedImage read(Path file, String name) {
        try {
            long bytes = Files.size(file);
            if (bytes > maxBytes) throw tooLarge(name, bytes + " bytes, more than " + maxBytes);
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, name);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + name + ": " + e.getMessage());
        }
    }

    public BufferedImage read(byte[] bytes, String name) {
        if (bytes.length > maxBytes) throw tooLarge(name, bytes.length + " bytes, more than " + maxBytes);
        try {
            return read(new ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + name + ": " + e.getMessage());
        }
    }

    /** Checks a declared size against the bounds; pure, so the rule is tested without images. */
    public void check(Size size, String name) {
        if (size.width() < 1 || size.height() < 1) throw new InvalidInputException("image " + name + " declares no pixels");
        if (size.width() > maxSide || size.height() > maxSide) {
            throw tooLarge(name, size.width() + "×" + size.height() + ", more than " + maxSide + " per side");
        }
        if ((long) size.width() * size.height() > maxPixels) {
            throw tooLarge(name, size.width() + "×" + size.height() + ", more than " + maxPixels + " pixels");
        }
    }

    private BufferedImage read(InputStream raw, String name) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new InvalidInputException("image " + name + " is not a PNG or JPEG image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                check(new Size(reader.getWidth(0), reader.getHeight(0)), name);
                BufferedImage image = reader.read(0);
                if (image == null) throw new InvalidInputException("image " + name + " cannot be decoded");
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    private static InvalidInputException tooLarge(String name, String why) {
        return new InvalidInputException("image " + name + " is too large: " + why);
    }
}
