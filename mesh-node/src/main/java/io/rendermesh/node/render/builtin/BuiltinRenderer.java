package io.rendermesh.node.render.builtin;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.builtin.scene.SceneLoader;
import io.rendermesh.node.render.builtin.scene.SceneTemplate;
import io.rendermesh.node.render.input.BundleFolder;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The renderer every node has: a progressive path tracer in pure Java. Its passes are the
 * samples users watch refine; accepting a frame keeps the passes so far as the final image.
 * It runs inside the node, so it reads only the job's files, through {@link BundleFolder}.
 */
public final class BuiltinRenderer implements Renderer {
    public static final String VERSION = "1.0";

    public static List<String> bundledScenes() {
        return BundledScenes.NAMES;
    }

    @Override
    public String packageName() {
        return "builtin";
    }

    @Override
    public Optional<String> detectVersion() {
        return Optional.of(VERSION);
    }

    @Override
    public void validate(JobProfile profile, Path jobDir) {
        template(profile, jobDir);
    }

    static SceneTemplate template(JobProfile profile, Path jobDir) {
        String scene = profile.scene();
        if (scene.startsWith("builtin:")) return SceneLoader.load(BundledScenes.sceneFile(scene));
        String lower = scene.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".json") && !lower.endsWith(".gltf") && !lower.endsWith(".glb")) {
            throw new InvalidInputException("the builtin renderer reads .json scenes and .gltf/.glb models, not " + scene);
        }
        BundleFolder folder = new BundleFolder(jobDir);
        return SceneLoader.load(folder, folder.file(scene, "scene file"));
    }

    @Override
    public boolean resumes() {
        return true;
    }

    @Override
    public RenderOutcome render(RenderRequest req, RenderControl control) throws RenderException, InterruptedException {
        JobProfile p = req.profile();
        SceneTemplate template;
        try {
            template = template(p, req.jobDir());
        } catch (InvalidInputException e) {
            throw new RenderException(e.getMessage());
        }
        Path png = req.scratchDir().resolve(String.format("%04d.png", req.frame()));
        try {
            var scene = template.at(req.frame(), p.width() / (double) p.height());
            if (req.part() != null) {
                // one part of a frame split by samples: its result is the passes' sums, which the coordinator adds up
                ProgressiveRender render = new ProgressiveRender(scene, p.width(), p.height(), req.seed(), req.part().fromPass());
                int pass = render.run(control, req.threads());
                control.checkpoint(render.sums(pass));
                return new RenderOutcome(null, pass - req.part().fromPass(), control.acceptRequested());
            }
            ProgressiveRender render = new ProgressiveRender(scene, p.width(), p.height(), req.seed(), req.resume());
            int passes = render.run(control, req.threads());
            ImageIO.write(render.image(passes), "png", png.toFile());
            return new RenderOutcome(png, passes, control.acceptRequested());
        } catch (IOException e) {
            throw new RenderException("cannot write " + png + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(p);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof OutOfMemoryError) throw outOfMemory(p);
            throw e;
        }
    }

    /**
     * The last resort only: the frame size is bounded before a job is accepted and before a frame is
     * placed (NodeResources.maxFramePixels). Should a frame still not fit, its buffers are garbage
     * once this returns, so the node lives on and the frame fails like any other.
     */
    private static RenderException outOfMemory(JobProfile p) {
        return new RenderException("out of memory rendering a " + p.width() + "×" + p.height() + " frame on this node");
    }
}
