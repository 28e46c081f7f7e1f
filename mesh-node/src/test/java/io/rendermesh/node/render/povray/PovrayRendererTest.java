package io.rendermesh.node.render.povray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PovrayRendererTest {
    @TempDir
    Path tmp;

    static JobProfile profile(int width, int height, int samples) {
        return JobProfileJson.parse("{\"scene\":\"scene.pov\",\"renderer\":\"povray\",\"frames\":\"1-24\",\"width\":" + width
                + ",\"height\":" + height + ",\"samples\":" + samples + "}");
    }

    static JobProfile profileOf(String scene) {
        return JobProfileJson.parse("{\"scene\":\"" + scene + "\",\"renderer\":\"povray\",\"frames\":\"1\"}");
    }

    private Path job(String scene) throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(job.resolve("scene.pov"), scene);
        return job;
    }

    /** The folder POV-Ray was told to write into: the argument after +O, without the file name. */
    static Path outDir(List<String> argv) {
        return Path.of(argv.stream().filter(a -> a.startsWith("+O")).findFirst().orElseThrow().substring(2)).getParent();
    }

    @Test
    void oneFramePerRunWithTheJobsClockRangeSizeThreadsAndAntialiasing() {
        var args = new PovrayArgs("povray", Path.of("/j/scene.pov"), Path.of("/j"), Path.of("/s/full"), 640, 360, 3, 1, 24, 7, 16);
        assertEquals(List.of("povray", "+I/j/scene.pov", "+O/s/full/frame.png", "+L/j", "+W640", "+H360", "-D", "-P", "+FN", "+WT3",
                "+KFI1", "+KFF24", "+SF7", "+EF7", "+A0.3", "+AM1", "+R4"), args.argv());
        assertTrue(new PovrayArgs("povray", Path.of("/j/s.pov"), Path.of("/j"), Path.of("/o"), 8, 8, 1, 1, 1, 1, 1).argv().contains("-A"));
        assertEquals(9, PovrayArgs.antialiasDepth(1_000));
    }

    @Test
    void versionAndProgressAreReadFromItsOutput() {
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok(
                "povray: cannot open the user configuration file\nPOV-Ray 3.7.0.10.unofficial\n", null, 0, 0));
        assertEquals(Optional.of("3.7.0.10"), new PovrayRenderer("povray", runner, Sandbox.none()).detectVersion());
        FakeControl control = new FakeControl();
        PovrayRenderer.progress("Rendered 1200 of 5760 pixels (20%)", control);
        assertEquals(1200, control.progress.get(0)[0]);
        assertEquals(5760, control.progress.get(0)[1]);
        assertEquals(Optional.empty(), new PovrayRenderer("povray", new FakeProcessRunner(argv -> null), Sandbox.none()).detectVersion());
    }

    @Test
    void aFrameStillRenderingAfterASecondGetsAQuarterSizeSampleFirst() throws Exception {
        Path job = job("sphere{0,1}");
        FakeControl control = new FakeControl();
        var runner = new FakeProcessRunner(argv -> {
            var s = FakeProcessRunner.Script.ok("Rendered 10 of 10 pixels\r", outDir(argv).resolve("frame07.png"),
                    Integer.parseInt(argv.get(4).substring(2)), Integer.parseInt(argv.get(5).substring(2)));
            // the full pass (640 wide) ends only after the quick pass has given its sample: a slow frame
            return argv.contains("+W640") ? s.awaiting(control.firstSample) : s;
        });
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        RenderOutcome out = new PovrayRenderer("povray", runner, Sandbox.none(), 0).render(
                new RenderRequest("j1", 7, 1, profile(640, 360, 16), job, scratch, 2, 16, 1), control);
        assertEquals(2, runner.started.size());
        assertTrue(runner.started.stream().anyMatch(a -> a.containsAll(List.of("+W640", "+H360", "+R4"))), runner.started.toString());
        assertTrue(runner.started.stream().anyMatch(a -> a.containsAll(List.of("+W160", "+H90", "-A"))), runner.started.toString());
        assertEquals(List.of(1, 2), control.samples.stream().map(s -> s[0]).toList());
        assertEquals(640, control.samples.get(0)[2], "the quick pass is shown at the frame's size");
        assertEquals(scratch.resolve("full/frame07.png"), out.png());
        assertFalse(out.accepted());
        // the private HOME's povray.conf restricts file I/O to the job and scratch folders
        Path conf = Path.of(runner.envs.get(0).get("HOME")).resolve(".povray/3.7/povray.conf");
        String text = Files.readString(conf);
        assertTrue(text.contains("restricted") && text.contains("read* = " + job) && text.contains("read+write* = " + scratch), text);
    }

    @Test
    void aQuickPassThatWritesNoImageCostsOnlyTheEarlySample() throws Exception {
        Path job = job("sphere{0,1}");
        java.util.concurrent.CountDownLatch quickPassEnded = new java.util.concurrent.CountDownLatch(1);
        var runner = new FakeProcessRunner(argv -> argv.contains("+W640")
                // the full pass ends only after the quick pass has ended, without an image
                ? FakeProcessRunner.Script.ok("", outDir(argv).resolve("frame2.png"), 640, 360).awaiting(quickPassEnded)
                : FakeProcessRunner.Script.ok("odd: no image", null, 0, 0).signalling(quickPassEnded));
        FakeControl control = new FakeControl();
        RenderOutcome out = new PovrayRenderer("povray", runner, Sandbox.none(), 0).render(
                new RenderRequest("j1", 2, 1, profile(640, 360, 16), job, Files.createDirectories(tmp.resolve("s")), 2, 16, 1), control);
        assertTrue(Files.isRegularFile(out.png()));
        assertEquals(List.of(2), control.samples.stream().map(s -> s[0]).toList());
    }

    @Test
    void aFastFrameRunsOnce() throws Exception {
        Path job = job("sphere{0,1}");
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("", outDir(argv).resolve("frame1.png"), 640, 360));
        FakeControl control = new FakeControl();
        new PovrayRenderer("povray", runner, Sandbox.none(), 60_000).render(
                new RenderRequest("j1", 1, 1, profile(640, 360, 16), job, Files.createDirectories(tmp.resolve("s")), 2, 16, 1), control);
        assertEquals(1, runner.started.size());
        assertEquals(List.of(2), control.samples.stream().map(s -> s[0]).toList());
    }

    @Test
    void aCrashReportsTheExitCodeAndTheLastLines() throws Exception {
        Path job = job("sphere{0,1}");
        var runner = new FakeProcessRunner(argv -> new FakeProcessRunner.Script(
                "Parsing...\nFile 'scene.pov' line 3: Parse Error: Expected 'object', } found instead\n", 1, null, 0, 0, false));
        RenderException e = assertThrows(RenderException.class, () -> new PovrayRenderer("povray", runner, Sandbox.none()).render(
                new RenderRequest("j", 1, 1, profile(64, 36, 1), job, Files.createDirectories(tmp.resolve("s")), 1, 1, 1), new FakeControl()));
        assertTrue(e.getMessage().contains("exited with code 1") && e.getMessage().contains("Parse Error"), e.getMessage());
    }

    @Test
    void exitingWithoutAnImageIsAnError() throws Exception {
        Path job = job("sphere{0,1}");
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("all fine\n", null, 0, 0));
        RenderException e = assertThrows(RenderException.class, () -> new PovrayRenderer("povray", runner, Sandbox.none()).render(
                new RenderRequest("j", 1, 1, profile(64, 36, 1), job, Files.createDirectories(tmp.resolve("s")), 1, 1, 1), new FakeControl()));
        assertTrue(e.getMessage().startsWith("renderer wrote no image") && e.getMessage().contains("all fine"), e.getMessage());
    }

    @Test
    void texturesAndIncludesInTheBundleOrStandardLibraryPass() throws Exception {
        Path job = job("#include \"colors.inc\"\n#include \"inc/extra.inc\"\nbox{0,1 pigment{image_map{png \"textures/wood.png\"}}}\n"
                + "// image_map{png \"commented/out.png\"}\n");
        Files.createDirectories(job.resolve("inc"));
        Files.writeString(job.resolve("inc/extra.inc"), "#declare A = 1;");
        Files.createDirectories(job.resolve("textures"));
        Files.write(job.resolve("textures/wood.png"), new byte[] {1});
        Path std = Files.createDirectories(tmp.resolve("std"));
        Files.writeString(std.resolve("colors.inc"), "");
        PovSceneCheck.check(job, std);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png \"textures/missing.png\"", "#include \"/etc/passwd\"", "#fopen F \"../../secret.txt\" read",
            "jpeg \"C:/x.jpg\"", "png \"\\\\server\\\\share\\\\x.png\""})
    void missingOrOutsideFilesAreRejectedAtSubmission(String reference) throws Exception {
        Path job = job("box{0,1 pigment{image_map{" + reference + "}}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PovSceneCheck.check(job, null));
        assertTrue(e.getMessage().startsWith("scene.pov line 1: "), e.getMessage());
    }

    @Test
    void theSceneMustBeAPovFileAmongTheJobsFiles() throws Exception {
        Path job = job("x");
        var renderer = new PovrayRenderer("povray", new FakeProcessRunner(argv -> null), Sandbox.none());
        assertThrows(InvalidInputException.class, () -> renderer.validate(profileOf("scene.blend"), job));
        assertThrows(InvalidInputException.class, () -> renderer.validate(profileOf("other.pov"), job));
        assertThrows(InvalidInputException.class, () -> renderer.validate(profileOf("../job/scene.pov"), job.resolve("sub")));
        renderer.validate(profileOf("scene.pov"), job);
    }
}
