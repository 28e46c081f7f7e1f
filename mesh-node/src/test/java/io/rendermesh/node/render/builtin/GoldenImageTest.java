package io.rendermesh.node.render.builtin;

import io.rendermesh.node.testkit.Images;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderRequest;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame 7 of the demo at 80x45, 8 samples, seed 1234, against a committed image: a change in the
 * tracer shows up here. Regenerate deliberately with -Dgolden.update=true.
 */
class GoldenImageTest {
    static final double TOLERANCE = 1.5;
    @TempDir
    Path dir;

    @Test
    void demoFrameMatchesTheGoldenImage() throws Exception {
        var profile = BuiltinRendererTest.profile("builtin:demo", 80, 45, 8);
        var out = new BuiltinRenderer().render(new RenderRequest("golden", 7, 1, profile, dir, dir, 2, 8, 1234), new FakeControl(8));
        BufferedImage actual = ImageIO.read(out.png().toFile());
        if (Boolean.getBoolean("golden.update")) {
            Files.copy(out.png(), Path.of("src/test/resources/golden/demo-frame7.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        BufferedImage golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/demo-frame7.png")) {
            assertNotNull(in, "golden image missing: run with -Dgolden.update=true");
            golden = ImageIO.read(in);
        }
        double mad = Images.meanAbsDiff(actual, golden);
        assertTrue(mad <= TOLERANCE, "mean absolute difference " + mad + " > " + TOLERANCE);
    }
}
