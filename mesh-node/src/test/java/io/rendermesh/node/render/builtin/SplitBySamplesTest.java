package io.rendermesh.node.render.builtin;

import io.rendermesh.node.testkit.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.splitting.PartMerge;
import io.rendermesh.node.splitting.SplitPlan;
import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.JobProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A frame split by samples, its parts rendered apart and added up, is the frame one node renders. */
class SplitBySamplesTest {
    @TempDir
    Path dir;
    private final BuiltinRenderer renderer = new BuiltinRenderer();
    private final JobProfile profile = BuiltinRendererTest.profile("builtin:demo", 48, 27, 12);

    private BufferedImage whole(long seed) throws Exception {
        RenderOutcome out = renderer.render(new RenderRequest("j", 3, 1, profile, dir, Files.createTempDirectory(dir, "s"), 2, 12, seed),
                new FakeControl(12));
        return ImageIO.read(out.png().toFile());
    }

    private PartMerge.PartBytes part(FramePart part, long seed) throws Exception {
        FakeControl control = new FakeControl(part.toPass());
        RenderOutcome out = renderer.render(new RenderRequest("j", 3, 1001 + part.index(), profile, dir,
                Files.createTempDirectory(dir, "s"), 2, part.toPass(), seed, null, part), control);
        assertNull(out.png(), "a part writes no frame of its own");
        assertEquals(part.passes(), out.passesDone());
        assertEquals(part.passes(), control.samples.size(), "a sample per pass of the part");
        assertEquals(part.passes(), control.checkpoint.passes());
        return new PartMerge.PartBytes(part, control.checkpoint.encode(), control.checkpoint.passes());
    }

    @Test
    void threePartsAddUpToTheFrameOneNodeRenders() throws Exception {
        List<PartMerge.PartBytes> parts = new ArrayList<>();
        for (FramePart p : SplitPlan.parts(SplitPlan.Way.SAMPLES, 3, 12, 27)) parts.add(part(p, 42));
        BufferedImage merged = ImageIO.read(new ByteArrayInputStream(PartMerge.bySamples(parts, 48, 27)));
        BufferedImage one = whole(42);
        double sameSeed = Images.meanAbsDiff(merged, one);
        double noise = Images.meanAbsDiff(one, whole(43));
        assertTrue(sameSeed < 0.01, "the parts' passes are the frame's passes: differs by " + sameSeed);
        assertTrue(noise > 0.5, "two seeds differ by noise: " + noise);
    }
}
