package io.rendermesh.node.render.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aCraftedPngHeaderReadsAsTheSizeItDeclares() throws Exception {
        // guards the test below: ImageIO must accept the crafted header, so the refusal there is ours
        byte[] png = CraftedPng.declaring(3, 2);
        var big = new ImageBounds(10, 100, 1 << 20);
        BufferedImage image = big.read(png, "small.png");
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
    }

    @Test
    void aPngDeclaring100000By100000PixelsIsRefusedBeforeDecoding() throws Exception {
        Path file = dir.resolve("bomb.png");
        Files.write(file, CraftedPng.declaring(100_000, 100_000));
        assertTrue(Files.size(file) < 100, "the file itself is tiny");
        var e = assertThrows(InvalidInputException.class, () -> ImageBounds.TEXTURE.read(file, "bomb.png"));
        assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("100000×100000"), e.getMessage());
    }

    @Test
    void tooManyPixelsWithinTheSideLimitAreRefused() {
        var bounds = new ImageBounds(16_384, 64L << 20, 1 << 20);
        bounds.check(new ImageBounds.Size(8192, 8192), "ok.png");
        var e = assertThrows(InvalidInputException.class, () -> bounds.check(new ImageBounds.Size(16_384, 8193), "wide.png"));
        assertTrue(e.getMessage().contains("pixels"), e.getMessage());
    }

    @Test
    void aFileLargerThanTheByteBoundIsRefusedUnread() throws Exception {
        Path file = dir.resolve("big.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", out);
        Files.write(file, out.toByteArray());
        var e = assertThrows(InvalidInputException.class, () -> new ImageBounds(100, 10_000, 10).read(file, "big.png"));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void somethingThatIsNotAnImageIsRefusedByName() {
        var e = assertThrows(InvalidInputException.class, () -> ImageBounds.TEXTURE.read("hello".getBytes(), "notes.txt"));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    }
}
