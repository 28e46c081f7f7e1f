package io.rendermesh.node.render.process;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A frame from a renderer that writes its image only at the end: a quick low-resolution pre-pass
 * (when frames of this job are slow, see PrepassPolicy) becomes sample 1 of 2, the full frame
 * sample 2. Accepting during the full pass keeps the pre-pass image as the frame.
 */
public final class TwoPassRender {
    /** The command line of one pass writing into {@code outDir}; {@code prepass} asks for the quick version. */
    public interface Passes {
        List<String> argv(Path outDir, boolean prepass, int samples);
    }

    private final String name;
    private final ExternalRender external;
    private final PrepassPolicy policy = new PrepassPolicy();

    public TwoPassRender(String name, ProcessRunner runner) {
        this.name = name;
        this.external = new ExternalRender(runner);
    }

    public RenderOutcome render(RenderRequest req, RenderControl control, Map<String, String> env, Passes passes,
                                BiConsumer<String, RenderControl> progress) throws RenderException, InterruptedException {
        int width = req.profile().width();
        int height = req.profile().height();
        Path scratch = req.scratchDir().toAbsolutePath().normalize();
        BufferedImage early = null;
        long start = System.nanoTime();
        if (policy.wanted(req.jobId(), width, height)) {
            Path dir = dir(scratch, "prepass");
            ExternalRender.Result r = external.run(passes.argv(dir, true, control.targetSamples()), scratch, env,
                    line -> progress.accept(line, control), control, false);
            early = RenderedImages.scaled(image(dir, r), width, height);
            control.sample(1, 2, early);
            if (control.acceptRequested()) return keep(early, scratch, req);
        }
        Path dir = dir(scratch, "full");
        ExternalRender.Result r = external.run(passes.argv(dir, false, control.targetSamples()), scratch, env,
                line -> progress.accept(line, control), control, early != null);
        if (r.stoppedForAccept()) return keep(early, scratch, req);
        BufferedImage full = image(dir, r);
        policy.frameTook(req.jobId(), (System.nanoTime() - start) / 1_000_000);
        control.sample(2, 2, full);
        return new RenderOutcome(RenderedImages.onlyPng(dir, r.tail()), 2, false);
    }

    private BufferedImage image(Path dir, ExternalRender.Result r) throws RenderException {
        if (r.exitCode() != 0) throw new RenderException(name + " exited with code " + r.exitCode() + RenderedImages.lastOutput(r.tail()));
        return RenderedImages.read(RenderedImages.onlyPng(dir, r.tail()), r.tail());
    }

    private static RenderOutcome keep(BufferedImage image, Path scratch, RenderRequest req) throws RenderException {
        Path png = scratch.resolve(String.format("%04d.png", req.frame()));
        RenderedImages.writePng(image, png);
        return new RenderOutcome(png, 1, true);
    }

    private static Path dir(Path scratch, String name) throws RenderException {
        try {
            return Files.createDirectories(scratch.resolve(name));
        } catch (IOException e) {
            throw new RenderException("cannot create the " + name + " folder: " + e.getMessage(), e);
        }
    }
}
