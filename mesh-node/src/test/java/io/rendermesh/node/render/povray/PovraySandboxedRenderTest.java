package io.rendermesh.node.render.povray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.process.FakeControl;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.node.render.process.SystemProcessRunner;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POV-Ray for real, inside the real sandbox with its limits (skipped where either is missing). */
class PovraySandboxedRenderTest {
    @TempDir
    Path tmp;

    private PovrayRenderer sandboxed() {
        SystemProcessRunner runner = new SystemProcessRunner();
        Sandbox sandbox = Sandbox.detect(runner, "bwrap", Sandbox.Limits.forHost(8L << 30, 2));
        assumeTrue(sandbox.active(), "bubblewrap is missing or not permitted here");
        PovrayRenderer povray = new PovrayRenderer("povray", runner, sandbox);
        assumeTrue(povray.detectVersion().isPresent(), "POV-Ray is not installed");
        return povray;
    }

    private RenderOutcome render(PovrayRenderer povray, String scene) throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(job.resolve("scene.pov"), scene);
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        return povray.render(new RenderRequest("j", 1, 1, PovrayRendererTest.profile(64, 36, 1), job, scratch, 1, 1, 1), new FakeControl());
    }

    @Test
    void aSceneRendersInsideTheSandbox() throws Exception {
        RenderOutcome out = render(sandboxed(), """
                camera { location <0, 1, -3> look_at <0, 0, 0> }
                light_source { <2, 4, -3> color rgb 1 }
                sphere { <0, 0, 0>, 1 pigment { color rgb <1, 0, 0> } }
                """);
        BufferedImage image = ImageIO.read(out.png().toFile());
        assertEquals(64, image.getWidth());
        assertEquals(36, image.getHeight());
    }

    @Test
    void aSceneCannotWriteOutsideItsPassFolder() throws Exception {
        PovrayRenderer povray = sandboxed();
        Path victim = tmp.resolve("victim.txt");
        String scene = """
                #fopen Out "%s" write
                #write (Out, "owned")
                #fclose Out
                camera { location <0, 1, -3> look_at <0, 0, 0> }
                light_source { <2, 4, -3> color rgb 1 }
                sphere { <0, 0, 0>, 1 pigment { color rgb 1 } }
                """.formatted(victim);
        try {
            render(povray, scene);
        } catch (RenderException expected) {
            // POV-Ray stops at the refused #fopen: a failed frame, and nothing written
        }
        assertTrue(!Files.exists(victim), "the scene wrote " + victim);
    }
}
