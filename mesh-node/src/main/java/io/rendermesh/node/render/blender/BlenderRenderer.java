package io.rendermesh.node.render.blender;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.process.ExternalRenderer;
import io.rendermesh.node.render.process.ProcessRunner;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.node.render.process.TwoPassRender;
import io.rendermesh.protocol.model.JobProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blender in background mode, one frame per run, scripts in the .blend disabled. Blender writes
 * no partial image in background mode, so a pass at a quarter of the resolution with few samples
 * gives the first sample of a slow frame.
 */
public final class BlenderRenderer extends ExternalRenderer {
    static final Pattern VERSION = Pattern.compile("^Blender (\\d+(?:\\.\\d+)+)");
    static final Pattern PROGRESS = Pattern.compile("Sample (\\d+)/(\\d+)|Rendering (\\d+) / (\\d+) samples");
    static final int PREPASS_PERCENT = 25;
    static final int PREPASS_SAMPLES = 4;

    public BlenderRenderer(String executable, ProcessRunner runner, Sandbox sandbox) {
        this(executable, runner, sandbox, TwoPassRender.PREPASS_AFTER_MILLIS);
    }

    /** @param prepassAfterMillis how long a frame renders before a quick pass gives it a first sample */
    public BlenderRenderer(String executable, ProcessRunner runner, Sandbox sandbox, long prepassAfterMillis) {
        super("blender", executable, runner, sandbox, prepassAfterMillis, VERSION);
    }

    @Override
    public void validate(JobProfile profile, Path jobDir) {
        Path blend = requireScene(profile.scene(), jobDir, ".blend");
        new BlenderArgs(executable, blend, jobDir, BlenderArgs.engineOf(profile.params()), 1, 1, 100, 1, 1, 1);
    }

    @Override
    public RenderOutcome render(RenderRequest req, RenderControl control) throws RenderException, InterruptedException {
        JobProfile p = req.profile();
        Path blend = req.jobDir().toAbsolutePath().normalize().resolve(p.scene());
        String engine = BlenderArgs.engineOf(p.params());
        Map<String, String> env = Map.of(); // HOME is each pass's own folder (TwoPassRender)
        return passes.render(req, control, env, (outDir, prepass, samples) -> new BlenderArgs(executable, blend, outDir, engine,
                p.width(), p.height(), prepass ? PREPASS_PERCENT : 100, prepass ? Math.min(PREPASS_SAMPLES, samples) : samples,
                req.threads(), req.frame(), req.part() == null ? 0 : req.part().rowFrom(), req.part() == null ? p.height() : req.part().rowTo())
                .argv(), BlenderRenderer::progress);
    }

    static void progress(String line, RenderControl control) {
        Matcher m = PROGRESS.matcher(line);
        if (!m.find()) return;
        int g = m.group(1) != null ? 1 : 3;
        control.progress(Integer.parseInt(m.group(g)), Integer.parseInt(m.group(g + 1)));
    }
}
