package io.rendermesh.node.render.povray;

import io.rendermesh.node.testkit.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.process.FakeControl;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.node.render.process.SystemProcessRunner;
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

/** A POV-Ray frame split by regions (real POV-Ray, skipped where it is missing), stitched, is the frame rendered whole. */
class PovrayRegionSplitTest {
    @TempDir
    Path tmp;

    @Test
    void threeRegionsStitchedMatchTheWholeFrame() throws Exception {
        PovrayRenderer povray = new PovrayRenderer("povray", new SystemProcessRunner(), Sandbox.none(), 60_000);
        assumeTrue(povray.detectVersion().isPresent(), "POV-Ray is not installed");
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(job.resolve("scene.pov"), """
                camera { location <0, 1.5, -4> look_at <0, 0.3, 0> }
                light_source { <3, 5, -4> color rgb 1 }
                sphere { <0, 0.5, 0>, 1 pigment { color rgb <0.9, 0.2, 0.1> } finish { phong 0.8 } }
                sphere { <1.6, 0.2, 1>, 0.6 pigment { color rgb <0.1, 0.4, 0.9> } }
                plane { y, -0.5 pigment { checker color rgb 1 color rgb 0.1 scale 0.5 } }
                """);
        JobProfile p = PovrayRendererTest.profile(96, 72, 16);
        byte[] whole = Files.readAllBytes(render(povray, job, p, null, "whole").png());
        List<PartMerge.PartBytes> parts = new ArrayList<>();
        for (FramePart part : SplitPlan.parts(SplitPlan.Way.REGIONS, 3, 16, 72)) {
            RenderOutcome out = render(povray, job, p, part, "part" + part.index());
            parts.add(new PartMerge.PartBytes(part, Files.readAllBytes(out.png()), out.passesDone()));
        }
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(whole));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(PartMerge.byRegions(parts, 96, 72)));
        assertEquals(72, b.getHeight());
        double diff = Images.meanAbsDiff(a, b);
        assertTrue(diff <= 1.0, "stitched regions differ from the whole frame by " + diff + " per channel (of 255)");
        // and a region alone is not the frame: the stitching did the work
        BufferedImage first = ImageIO.read(new ByteArrayInputStream(parts.get(0).bytes()));
        assertTrue(Images.meanAbsDiff(a, first) > 5, "a region renders its rows only");
    }

    private RenderOutcome render(PovrayRenderer povray, Path job, JobProfile p, FramePart part, String name) throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve(name));
        return povray.render(new RenderRequest("j", 1, 1, p, job, scratch, 1, p.samples(), 1, null, part), new FakeControl());
    }

}
