package io.rendermesh.node.render.builtin;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.builtin.scene.SceneLoader;
import io.rendermesh.node.render.builtin.scene.SceneTemplate;
import io.rendermesh.protocol.model.BundlePath;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The renderer every node has: a progressive path tracer in pure Java. Its passes are the
 * samples users watch refine; accepting a frame keeps the passes so far as the final image.
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
        Path file = jobDir.resolve(BundlePath.normalize(scene)).normalize();
        if (!file.startsWith(jobDir.normalize()) || !Files.isRegularFile(file)) {
            throw new InvalidInputException("scene file " + scene + " is missing from the job's files");
        }
        return SceneLoader.load(file);
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
        ProgressiveRender render = new ProgressiveRender(template.at(req.frame(), p.width() / (double) p.height()),
                p.width(), p.height(), req.seed());
        int passes = render.run(control, req.threads());
        Path png = req.scratchDir().resolve(String.format("%04d.png", req.frame()));
        try {
            ImageIO.write(render.image(passes), "png", png.toFile());
        } catch (IOException e) {
            throw new RenderException("cannot write " + png + ": " + e.getMessage(), e);
        }
        return new RenderOutcome(png, passes, control.acceptRequested());
    }
}
