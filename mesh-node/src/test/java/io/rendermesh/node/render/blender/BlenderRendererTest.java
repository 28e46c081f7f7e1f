package io.rendermesh.node.render.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.process.FakeControl;
import io.rendermesh.node.render.process.FakeProcessRunner;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlenderRendererTest {
    @TempDir
    Path tmp;

    static JobProfile profile(String params) {
        return JobProfileJson.parse("{\"scene\":\"shot.blend\",\"renderer\":\"blender\",\"frames\":\"1-10\",\"width\":640,"
                + "\"height\":360,\"samples\":32" + (params == null ? "" : ",\"params\":" + params) + "}");
    }

    @Test
    void thePythonExpressionComesBeforeTheFrameAndSetsOnlyEngineSizeAndSamples() {
        List<String> argv = new BlenderArgs("blender", Path.of("/j/shot.blend"), Path.of("/s/full"), "CYCLES", 640, 360, 100, 32, 2, 5).argv();
        assertEquals(List.of("blender", "-b", "--factory-startup", "--disable-autoexec", "/j/shot.blend", "--python-expr"), argv.subList(0, 6));
        assertTrue(argv.indexOf("--python-expr") < argv.indexOf("-f"));
        assertEquals(List.of("-f", "5"), argv.subList(argv.size() - 2, argv.size()));
        String expr = argv.get(6);
        assertTrue(expr.contains("s.cycles.use_denoising = False") && expr.contains("s.cycles.samples = 32")
                && expr.contains("s.render.resolution_x = 640"), expr);
    }

    @Test
    void anEngineOutsideTheFixedListNeverReachesTheCommandLine() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.write(job.resolve("shot.blend"), new byte[] {1});
        var renderer = new BlenderRenderer("blender", new FakeProcessRunner(argv -> null), Sandbox.none());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> renderer.validate(profile("{\"engine\":\"CYCLES'\\nimport os\"}"), job));
        assertTrue(e.getMessage().startsWith("params.engine must be one of"), e.getMessage());
        renderer.validate(profile("{\"engine\":\"BLENDER_EEVEE\"}"), job);
        assertThrows(InvalidInputException.class, () -> renderer.validate(profile(null), tmp));
    }

    @Test
    void versionAndBothEnginesProgressAreRead() {
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("Blender 3.4.1\n\tbuild date: 2023-03-12\n", null, 0, 0));
        assertEquals(Optional.of("3.4.1"), new BlenderRenderer("blender", runner, Sandbox.none()).detectVersion());
        FakeControl control = new FakeControl();
        BlenderRenderer.progress("Fra:1 Mem:12.3M (Peak 13M) | Time:00:00.41 | Sample 8/32", control);
        BlenderRenderer.progress("Fra:1 Mem:12.3M | Rendering 3 / 64 samples", control);
        BlenderRenderer.progress("Fra:1 Mem:12.3M | Synchronizing object | Cube", control);
        assertEquals(2, control.progress.size());
        assertEquals(List.of(8, 32, 3, 64), List.of(control.progress.get(0)[0], control.progress.get(0)[1],
                control.progress.get(1)[0], control.progress.get(1)[1]));
    }

    @Test
    void acceptingAfterTheQuickPassKeepsItsImageAsTheFrame() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.write(job.resolve("shot.blend"), new byte[] {1});
        FakeControl control = new FakeControl();
        var runner = new FakeProcessRunner(argv -> {
            boolean prepass = argv.get(6).contains("resolution_percentage = 25");
            Path out = Path.of(argv.get(argv.indexOf("-o") + 1)).getParent().resolve("frame_0003.png");
            if (prepass) {
                control.accept = true; // the user accepts the first sample while the full pass runs
                return FakeProcessRunner.Script.ok("Sample 4/4\n", out, 160, 90);
            }
            return new FakeProcessRunner.Script("Sample 1/32\n", 0, null, 0, 0, true);
        });
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        RenderOutcome out = new BlenderRenderer("blender", runner, Sandbox.none(), 0).render(
                new RenderRequest("j", 3, 1, profile(null), job, scratch, 2, 32, 1), control);
        assertTrue(out.accepted());
        assertEquals(1, runner.killed, "the full pass is killed");
        assertEquals(scratch.resolve("0003.png"), out.png());
        assertEquals(640, javax.imageio.ImageIO.read(out.png().toFile()).getWidth());
    }
}
