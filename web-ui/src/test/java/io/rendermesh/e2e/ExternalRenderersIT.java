package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real POV-Ray and Blender (scripts/install-renderers) on a two-node mesh of real processes,
 * driven from the command line: frames split across the nodes, each one a valid image matching
 * a direct run of the renderer, a sample of every frame before it completes (seen on the other
 * node's event stream); and the faults a
 * scene can cause, each leaving the nodes healthy.
 */
@Tag("e2e")
@Tag("renderers")
class ExternalRenderersIT {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    static final List<NodeProcess> nodes = new ArrayList<>();
    static Path dir;
    static String urlA;
    static String urlB;

    @BeforeAll
    static void startMesh() throws Exception {
        dir = Files.createDirectories(Path.of("target", "e2e", "renderers-" + System.nanoTime())).toAbsolutePath();
        NodeProcess.startPair(dir, List.of(), nodes);
        urlA = nodes.get(0).webUrl();
        urlB = nodes.get(1).webUrl();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode all = Http.getJson(urlA + "/api/v1/nodes");
            int withBoth = 0;
            for (JsonNode n : all) if (n.get("renderers").toString().contains("povray") && n.get("renderers").toString().contains("blender")) withBoth++;
            return withBoth == 2;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess p : nodes) p.close();
    }

    @Test
    void aTexturedPovrayFolderRendersAcrossBothNodesLikePovrayItself() throws Exception {
        Path scene = RenderedFrames.copyFolder(EXAMPLES.resolve("povray"), dir.resolve("pov"));
        Path out = dir.resolve("pov-out");
        // 1280x720 with 81 samples takes seconds a frame, so every frame shows a quick-pass sample first
        submitAndWatch(urlA, urlB, scene.resolve("scene.pov"), out, "--width", "1280", "--height", "720", "--samples", "81");
        RenderedFrames.assertMatchesDirectPovray1280x720(scene, out, dir.resolve("pov-direct"), 4);
    }

    @Test
    void aBlenderSceneRendersAcrossBothNodesLikeBlenderItself() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("blend"));
        Path blend = folder.resolve("turntable.blend");
        Process make = new ProcessBuilder("blender", "-b", "--factory-startup", "--python",
                EXAMPLES.resolve("blender/make_scene.py").toString(), "--", blend.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("make-blend.log").toFile()).start();
        assertTrue(make.waitFor(120, TimeUnit.SECONDS) && Files.exists(blend), "make_scene.py did not write the .blend");
        Path out = dir.resolve("blend-out");
        // 128 Cycles samples take a few seconds a frame: long enough for a quick-pass sample first
        submitAndWatch(urlB, urlA, blend, out, "--width", "320", "--height", "180", "--samples", "128");
        Path direct = Files.createDirectories(dir.resolve("blend-direct"));
        String expr = "import bpy\ns=bpy.context.scene\ns.render.resolution_x=320\ns.render.resolution_y=180\n"
                + "s.render.resolution_percentage=100\ns.cycles.samples=128\ns.cycles.use_denoising=False\n";
        Process p = new ProcessBuilder("blender", "-b", "--factory-startup", "--disable-autoexec", blend.toString(), "--python-expr", expr,
                "-o", direct.resolve("f_####").toString(), "-F", "PNG", "-x", "1", "-f", "3")
                .redirectErrorStream(true).redirectOutput(direct.resolve("log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        RenderedFrames.assertSimilar(ImageIO.read(direct.resolve("f_0003.png").toFile()), ImageIO.read(out.resolve("0003.png").toFile()), 3);
    }

    @Test
    void aMissingTextureIsRefusedAtSubmission() throws Exception {
        Path scene = RenderedFrames.copyFolder(EXAMPLES.resolve("povray"), dir.resolve("pov-missing"));
        Files.delete(scene.resolve("textures/wood.png"));
        Cli.Result r = Cli.run(60, "submit", scene.resolve("scene.pov").toString(), "--frames", "1", "--node", urlA);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("textures/wood.png\" is not among the job's files"), r.output());
        assertHealthy();
    }

    @Test
    void aSceneCannotReadFilesOutsideItsFolder() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "\"top secret\"\n");
        Path scene = Files.createDirectories(dir.resolve("pov-snoop"));
        // the path is built at parse time, so only the sandbox (not the submission check) can stop it
        String[] parts = {secret.getParent().toString() + "/", secret.getFileName().toString()};
        Files.writeString(scene.resolve("scene.pov"), "#fopen F concat(\"" + parts[0] + "\", \"" + parts[1] + "\") read\n"
                + "#read (F, S)\n#debug concat(\"READ:\", S, \"\\n\")\nsphere { 0, 1 pigment { rgb 1 } }\n");
        Cli.Result r = Cli.run(120, "submit", scene.resolve("scene.pov").toString(), "--frames", "1", "--width", "64", "--height", "36",
                "--max-attempts", "1", "--node", urlA, "--wait", "--out", dir.resolve("snoop-out").toString());
        assertNotEquals(0, r.exitCode(), r.output());
        JsonNode frame = Http.getJson(urlA + "/api/v1/jobs/" + r.firstLine()).get("frames").get(0);
        assertEquals("failed", frame.get("state").asText());
        assertTrue(frame.get("error").asText().contains("Cannot find file"), frame.get("error").asText());
        assertHealthy();
    }

    @Test
    void aCrashingSceneFailsItsFramesWithPovraysOwnMessage() throws Exception {
        Path scene = Files.createDirectories(dir.resolve("pov-crash"));
        Files.writeString(scene.resolve("scene.pov"), "sphere { 0, 1 pigment { rgb 1 } }\n#error \"this scene fails on purpose\"\n");
        Cli.Result r = Cli.run(120, "submit", scene.resolve("scene.pov").toString(), "--frames", "1", "--width", "64", "--height", "36",
                "--max-attempts", "2", "--node", urlA, "--wait", "--out", dir.resolve("crash-out").toString());
        assertNotEquals(0, r.exitCode(), r.output());
        JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + r.firstLine());
        assertEquals("failed", job.get("state").asText());
        JsonNode frame = job.get("frames").get(0);
        assertEquals(2, frame.get("attempts").asInt());
        assertTrue(frame.get("error").asText().contains("povray exited with code") && frame.get("error").asText().contains("fails on purpose"),
                frame.get("error").asText());
        assertHealthy();
    }

    @Test
    void aHangingSceneIsKilledWithItsProcessTreeAndTheFrameFails() throws Exception {
        Path scene = Files.createDirectories(dir.resolve("pov-hang-" + System.nanoTime()));
        Files.writeString(scene.resolve("scene.pov"), "#declare I = 0;\n#while (true)\n  #declare I = I + 1;\n#end\nsphere { 0, 1 }\n");
        Cli.Result r = Cli.run(180, "submit", scene.resolve("scene.pov").toString(), "--frames", "1", "--width", "64", "--height", "36",
                "--timeout-per-frame", "3", "--max-attempts", "1", "--node", urlB, "--wait", "--out", dir.resolve("hang-out").toString());
        assertNotEquals(0, r.exitCode(), r.output());
        JsonNode job = Http.getJson(urlB + "/api/v1/jobs/" + r.firstLine());
        assertEquals("failed", job.get("state").asText());
        assertTrue(job.get("frames").get(0).get("error").asText().contains("no progress"), job.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses().noneMatch(
                h -> h.info().commandLine().orElse("").contains(scene.toString())));
        assertHealthy();
    }

    /**
     * Submits frames 1-4 of {@code scene} to one node with the CLI and waits for them, watching the
     * job's events on the other node: the frames split across both nodes, each with a sample first.
     */
    private static void submitAndWatch(String submitTo, String watchOn, Path scene, Path out, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("submit", scene.toString(), "--frames", "1-4", "--node", submitTo, "--wait",
                "--out", out.toString()));
        args.addAll(List.of(options));
        Cli.Running submit = Cli.start(args.toArray(String[]::new));
        String jobId = submit.firstLine();
        try (EventLog events = new EventLog(watchOn, jobId)) {
            Cli.Result r = submit.finish(300);
            assertEquals(0, r.exitCode(), r.output());
            assertSplitAcrossNodes(jobId, 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.has("job-done"));
            events.assertSamplesBeforeDone(1, 4);
        }
    }

    private static void assertHealthy() throws Exception {
        assertEquals("UP", Http.getJson(urlA + "/api/v1/health").get("status").asText());
        assertEquals(2, Http.getJson(urlB + "/api/v1/health").get("members").asInt());
    }

    private static void assertSplitAcrossNodes(String jobId, int frames) throws Exception {
        JsonNode job = Http.getJson(urlA + "/api/v1/jobs/" + jobId);
        assertEquals("done", job.get("state").asText());
        Set<String> renderedBy = new HashSet<>();
        job.get("frames").forEach(f -> renderedBy.add(f.get("node").asText()));
        assertEquals(Set.of("a", "b"), renderedBy, "frames should be split across both nodes: " + job.get("frames"));
        assertEquals(frames, job.get("framesDone").asInt());
    }
}
