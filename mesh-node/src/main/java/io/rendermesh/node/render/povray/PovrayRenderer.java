package io.rendermesh.node.render.povray;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.process.ExternalRenderer;
import io.rendermesh.node.render.process.ProcessRunner;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.node.render.process.TwoPassRender;
import io.rendermesh.protocol.model.JobProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POV-Ray 3.7, one frame per run, in the attempt's scratch folder, inside the node's Sandbox: it
 * sees the job's files read only and writes only to its scratch folder. A povray.conf in a private
 * HOME also sets File I/O Security to those folders, for builds that enforce it (Debian's 3.7.0.10
 * does not: it reads and writes anywhere, so the sandbox is what actually confines a scene).
 */
public final class PovrayRenderer extends ExternalRenderer {
    static final Pattern VERSION = Pattern.compile("POV-Ray\\s+(\\d+(?:\\.\\d+)+)");
    static final Pattern PROGRESS = Pattern.compile("Rendered (\\d+) of (\\d+) pixels");
    static final Path STANDARD_INCLUDES = Path.of("/usr/share/povray-3.7/include");

    public PovrayRenderer(String executable, ProcessRunner runner, Sandbox sandbox) {
        this(executable, runner, sandbox, TwoPassRender.PREPASS_AFTER_MILLIS);
    }

    /** @param prepassAfterMillis how long a frame renders before a quick pass gives it a first sample */
    public PovrayRenderer(String executable, ProcessRunner runner, Sandbox sandbox, long prepassAfterMillis) {
        super("povray", executable, runner, sandbox, prepassAfterMillis, VERSION);
    }

    @Override
    public void validate(JobProfile profile, Path jobDir) {
        requireScene(profile.scene(), jobDir, ".pov");
        PovSceneCheck.check(jobDir.toAbsolutePath().normalize(), STANDARD_INCLUDES);
    }

    @Override
    public RenderOutcome render(RenderRequest req, RenderControl control) throws RenderException, InterruptedException {
        JobProfile p = req.profile();
        Path jobDir = req.jobDir().toAbsolutePath().normalize();
        Path scratch = req.scratchDir().toAbsolutePath().normalize();
        Map<String, String> env = Map.of("HOME", privateHome(jobDir, scratch).toString());
        List<Integer> frames = p.frameList();
        int first = frames.stream().min(Integer::compare).orElse(req.frame());
        int last = frames.stream().max(Integer::compare).orElse(req.frame());
        return passes.render(req, control, env, (outDir, prepass, samples) -> {
            int h = prepass ? Math.max(9, p.height() / 4) : p.height();
            // a region of a split frame: its rows, scaled for the quick pass
            int rowFrom = req.part() == null ? 0 : (int) ((long) req.part().rowFrom() * h / p.height());
            int rowTo = req.part() == null ? h : Math.max(rowFrom + 1, (int) ((long) req.part().rowTo() * h / p.height()));
            return new PovrayArgs(executable, jobDir.resolve(p.scene()), jobDir, outDir, prepass ? Math.max(16, p.width() / 4) : p.width(),
                    h, req.threads(), first, last, req.frame(), prepass ? 1 : samples, rowFrom, Math.min(h, rowTo)).argv();
        }, PovrayRenderer::progress);
    }

    static void progress(String line, RenderControl control) {
        Matcher m = PROGRESS.matcher(line);
        if (m.find()) control.progress(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** A HOME of the attempt's own, whose povray.conf narrows file I/O to the job's folders. */
    static Path privateHome(Path jobDir, Path scratch) throws RenderException {
        Path home = scratch.resolve("home");
        try {
            Path conf = Files.createDirectories(home.resolve(".povray/3.7")).resolve("povray.conf");
            Files.writeString(conf, "[File I/O Security]\nrestricted\n[Shellout Security]\nforbidden\n[Permitted Paths]\n"
                    + "read* = " + STANDARD_INCLUDES + "\nread* = " + jobDir + "\nread+write* = " + scratch + "\n");
            return home;
        } catch (IOException e) {
            throw new RenderException("cannot write povray.conf: " + e.getMessage(), e);
        }
    }
}
