package io.rendermesh.node.render.builtin;

import io.rendermesh.node.testkit.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinRendererTest {
    @TempDir
    Path dir;
    private final BuiltinRenderer renderer = new BuiltinRenderer();

    static JobProfile profile(String scene, int w, int h, int samples) {
        return JobProfileJson.parse("{\"scene\":\"" + scene + "\",\"renderer\":\"builtin\",\"frames\":\"1-24\",\"width\":" + w
                + ",\"height\":" + h + ",\"samples\":" + samples + "}");
    }

    private BufferedImage render(JobProfile p, int frame, FakeControl control, long seed) throws Exception {
        Path scratch = Files.createTempDirectory(dir, "s");
        RenderOutcome out = renderer.render(new RenderRequest("j", frame, 1, p, dir, scratch, 2, p.samples(), seed), control);
        return ImageIO.read(out.png().toFile());
    }


    static double meanLevel(BufferedImage a) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                sum += ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    @Test
    void emitsOneSamplePerPassAndDifferentFramesDiffer() throws Exception {
        FakeControl c = new FakeControl(4);
        BufferedImage first = render(profile("builtin:demo", 96, 54, 4), 1, c, 7);
        assertEquals(4, c.samples.size());
        BufferedImage last = render(profile("builtin:demo", 96, 54, 4), 24, new FakeControl(4), 7);
        double level = meanLevel(first);
        assertTrue(level > 20 && level < 240, "image is blank or white: " + level);
        assertTrue(Images.meanAbsDiff(first, last) > 5, "frames 1 and 24 look the same");
    }

    @Test
    void isDeterministicForAGivenSeed() throws Exception {
        JobProfile p = profile("builtin:demo", 48, 27, 2);
        assertEquals(0.0, Images.meanAbsDiff(render(p, 5, new FakeControl(2), 3), render(p, 5, new FakeControl(2), 3)));
    }

    @Test
    void acceptStopsRefiningAndKeepsTheImageSoFar() throws Exception {
        FakeControl c = new FakeControl(50);
        c.acceptAfter = 2;
        render(profile("builtin:demo", 32, 18, 50), 1, c, 1);
        assertEquals(2, c.samples.size());
    }

    @Test
    void cancelStopsBetweenPasses() {
        FakeControl c = new FakeControl(50);
        c.cancelAfter = 1;
        assertThrows(InterruptedException.class, () -> render(profile("builtin:demo", 32, 18, 50), 1, c, 1));
        assertEquals(1, c.samples.size());
    }

    @Test
    void followsAChangedSampleTarget() throws Exception {
        FakeControl c = new FakeControl(10);
        c.retargetAfter = 1;
        c.retargetTo = 3;
        render(profile("builtin:demo", 32, 18, 10), 1, c, 1);
        assertEquals(3, c.samples.size());
    }

    @Test
    void rendersTheShowcaseWithItsGltfModelAndTexture() throws Exception {
        BufferedImage img = render(profile("builtin:showcase", 64, 36, 2), 1, new FakeControl(2), 1);
        assertTrue(meanLevel(img) > 20);
    }

    @Test
    void rejectsScenesWithClearErrors() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"camera\":{\"position\":[0,1,5]},\"materials\":{},"
                + "\"objects\":[{\"type\":\"sphere\",\"center\":[0,0,0],\"material\":\"nope\"}]}");
        String m = assertThrows(InvalidInputException.class, () -> renderer.validate(profile("bad.json", 8, 8, 1), dir)).getMessage();
        assertTrue(m.contains("unknown material 'nope'"), m);
        Files.writeString(dir.resolve("tex.json"), "{\"camera\":{\"position\":[0,1,5]},\"materials\":{\"m\":{\"type\":\"diffuse\","
                + "\"texture\":\"textures/missing.png\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0,0],\"material\":\"m\"}]}");
        m = assertThrows(InvalidInputException.class, () -> renderer.validate(profile("tex.json", 8, 8, 1), dir)).getMessage();
        assertTrue(m.contains("textures/missing.png") && m.contains("missing"), m);
        Files.writeString(dir.resolve("keys.json"), "{\"camera\":{\"position\":[0,1,5],\"keyframes\":[{\"frame\":5,\"position\":[0,0,1]},"
                + "{\"frame\":2,\"position\":[0,0,2]}]},\"materials\":{\"m\":{\"type\":\"diffuse\"}},"
                + "\"objects\":[{\"type\":\"sphere\",\"center\":[0,0,0],\"material\":\"m\"}]}");
        m = assertThrows(InvalidInputException.class, () -> renderer.validate(profile("keys.json", 8, 8, 1), dir)).getMessage();
        assertTrue(m.contains("increasing frame order"), m);
        m = assertThrows(InvalidInputException.class, () -> renderer.validate(profile("absent.json", 8, 8, 1), dir)).getMessage();
        assertTrue(m.contains("missing"), m);
    }

    /** Writes demo frames to target/ for a person to look at (and times them). */
    @Test
    void rendersDemoFramesAtTheDefaultSize() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "demo-frames"));
        for (int frame : new int[] {1, 12, 24}) {
            long t0 = System.nanoTime();
            BufferedImage img = render(profile("builtin:demo", 320, 180, 32), frame, new FakeControl(32), 11);
            System.out.printf("demo frame %d: %.0f ms%n", frame, (System.nanoTime() - t0) / 1e6);
            ImageIO.write(img, "png", out.resolve(String.format("demo-%02d.png", frame)).toFile());
        }
    }
}
