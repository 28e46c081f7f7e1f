package io.rendermesh.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash leaves in the frame folder (an empty or cut file) is not a finished frame. */
class FileFrameStoreTest {
    @TempDir
    Path dir;

    static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void onlyWholeFramesCount() throws Exception {
        FileFrameStore store = new FileFrameStore(dir);
        byte[] png = png();
        store.put("j1", 1, png);
        Path folder = dir.resolve("frames").resolve("j1");
        Files.write(folder.resolve("2.png"), new byte[0]);                          // created, never written
        Files.write(folder.resolve("3.png"), Arrays.copyOf(png, png.length - 5));    // cut short
        assertEquals(List.of(1), store.frames("j1"));
        assertTrue(store.get("j1", 1).isPresent());
        assertTrue(store.get("j1", 2).isEmpty());
        assertTrue(store.get("j1", 3).isEmpty());
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file stays");
        }
    }
}
