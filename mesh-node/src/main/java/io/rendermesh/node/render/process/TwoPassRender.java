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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A frame from a renderer that writes its image only at the end. The full pass starts at once; if
 * it is still running after about a second, a quick low-resolution pass runs beside it and becomes
 * sample 1 of 2, the full frame sample 2. A fast frame so costs nothing extra, and a slow one shows
 * a sample long before it completes. When this job's frames have been slow here, the quick pass
 * starts with the full one, since a quick pass costs a scene parse that can take a second itself.
 * Accepting after the quick pass keeps its image as the frame. Each pass has its own folder
 * ({@code full/}, {@code prepass/}): the only one it may write to when sandboxed.
 */
public final class TwoPassRender {
    public static final long PREPASS_AFTER_MILLIS = 1_000;
    static final int MIN_PREPASS_PIXELS = 160 * 90;
    static final long SLOW_FULL_PASS_MILLIS = 1_500;
    private static final int JOBS_REMEMBERED = 64;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TwoPassRender.class);
    private static final ExecutorService FULL_PASSES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "full-pass");
        t.setDaemon(true);
        return t;
    });

    /** The command line of one pass writing into {@code outDir}; {@code prepass} asks for the quick version. */
    public interface Passes {
        List<String> argv(Path outDir, boolean prepass, int samples);
    }

    private final String name;
    private final ExternalRender external;
    private final long prepassAfterMillis;
    private final Sandbox sandbox;
    /** The last full pass of each recent job on this node, in ms. */
    private final Map<String, Long> lastFullPass = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > JOBS_REMEMBERED;
                }
            });

    public TwoPassRender(String name, ProcessRunner runner, Sandbox sandbox, long prepassAfterMillis) {
        this.name = name;
        this.external = new ExternalRender(runner);
        this.sandbox = sandbox;
        this.prepassAfterMillis = prepassAfterMillis;
    }

    public RenderOutcome render(RenderRequest req, RenderControl control, Map<String, String> env, Passes passes,
                                BiConsumer<String, RenderControl> progress) throws RenderException, InterruptedException {
        int width = req.profile().width();
        int height = req.profile().height();
        Path scratch = req.scratchDir().toAbsolutePath().normalize();
        Path fullDir = dir(scratch, "full");
        AtomicReference<BufferedImage> early = new AtomicReference<>(); // read by the full pass's thread
        Map<String, String> fullEnv = passEnv(env, fullDir, req.threads());
        List<String> fullArgv = sandbox.wrap(passes.argv(fullDir, false, control.targetSamples()), readOnly(req, env, scratch),
                fullDir, fullEnv);
        long started = System.nanoTime();
        CompletableFuture<ExternalRender.Result> full = CompletableFuture.supplyAsync(() -> {
            try {
                return external.run(fullArgv, fullDir, fullEnv, line -> progress.accept(line, control), control,
                        () -> early.get() != null && control.acceptRequested());
            } catch (RenderException | InterruptedException e) {
                throw new CompletionException(e);
            }
        }, FULL_PASSES);
        try {
            Long last = lastFullPass.get(req.jobId());
            full.get(last != null && last >= SLOW_FULL_PASS_MILLIS ? 0 : prepassAfterMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            if ((long) width * height >= MIN_PREPASS_PIXELS) early.set(prepass(req, control, env, passes, scratch, full));
        } catch (ExecutionException e) {
            // reported below, from the one place that unwraps the full pass
        }
        ExternalRender.Result r = await(full);
        if (r.stoppedForAccept()) return keep(early.get(), scratch, req);
        lastFullPass.put(req.jobId(), (System.nanoTime() - started) / 1_000_000);
        BufferedImage image = image(fullDir, r);
        control.sample(2, 2, image);
        return new RenderOutcome(RenderedImages.onlyPng(fullDir, r.tail()), 2, false);
    }

    /** The quick pass beside the running full pass; stopped (no sample) if the full pass ends first. */
    private BufferedImage prepass(RenderRequest req, RenderControl control, Map<String, String> env, Passes passes, Path scratch,
                                  CompletableFuture<ExternalRender.Result> full) throws InterruptedException {
        try {
            Path dir = dir(scratch, "prepass");
            Map<String, String> passEnv = passEnv(env, dir, req.threads());
            List<String> argv = sandbox.wrap(passes.argv(dir, true, control.targetSamples()), readOnly(req, env, scratch), dir, passEnv);
            ExternalRender.Result r = external.run(argv, dir, passEnv, line -> { }, control, full::isDone);
            if (r.stoppedForAccept() || r.exitCode() != 0) return null;
            BufferedImage image = RenderedImages.scaled(RenderedImages.read(RenderedImages.onlyPng(dir, r.tail()), r.tail()),
                    req.profile().width(), req.profile().height());
            if (full.isDone()) return null; // the frame itself is there: an older, smaller sample would only flicker
            control.sample(1, 2, image);
            return image;
        } catch (RenderException e) {
            // a failed quick pass costs only the early sample; the full pass reports any real error
            log.debug("{} quick pass of frame {} failed: {}", name, req.frame(), e.getMessage());
            return null;
        }
    }

    /**
     * A pass's environment: its own folder as HOME and TMPDIR (the two passes run at once and must
     * not share files), the slot's thread count, then what the renderer asks for.
     */
    static Map<String, String> passEnv(Map<String, String> rendererEnv, Path passDir, int threads) {
        Map<String, String> out = new java.util.HashMap<>(Map.of("HOME", passDir.toString(), "TMPDIR", passDir.toString(),
                "OMP_NUM_THREADS", Integer.toString(Math.max(1, threads))));
        out.putAll(rendererEnv);
        return out;
    }

    /** The job's files, and a HOME the renderer brought (POV-Ray's povray.conf): readable, never writable. */
    private static List<Path> readOnly(RenderRequest req, Map<String, String> rendererEnv, Path scratch) {
        List<Path> out = new java.util.ArrayList<>(List.of(req.jobDir().toAbsolutePath().normalize()));
        String home = rendererEnv.get("HOME");
        if (home != null && Path.of(home).startsWith(scratch) && Files.isDirectory(Path.of(home))) out.add(Path.of(home));
        return out;
    }

    private static ExternalRender.Result await(CompletableFuture<ExternalRender.Result> full) throws RenderException, InterruptedException {
        try {
            return full.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof RenderException re) throw re;
            if (cause instanceof InterruptedException ie) throw ie;
            throw new RenderException("renderer run failed: " + cause, cause);
        } catch (InterruptedException e) {
            full.cancel(true);
            throw e;
        }
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
