package io.rendermesh.node.render.process;

import io.rendermesh.node.render.Renderer;
import io.rendermesh.protocol.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the external renderers (POV-Ray, Blender) share: a program found on this host with its
 * version, a scene file of one kind among the job's files, and frames run as {@link TwoPassRender}.
 */
public abstract class ExternalRenderer implements Renderer {
    protected final String executable;
    protected final TwoPassRender passes;
    private final String packageName;
    private final ProcessRunner runner;
    private final Pattern version;

    /** @param version what "EXECUTABLE --version" prints, with the version as group 1 */
    protected ExternalRenderer(String packageName, String executable, ProcessRunner runner, Sandbox sandbox,
                               long prepassAfterMillis, Pattern version) {
        this.packageName = packageName;
        this.executable = executable;
        this.runner = runner;
        this.version = version;
        this.passes = new TwoPassRender(packageName, runner, sandbox, prepassAfterMillis);
        this.confined = sandbox.active();
    }

    private final boolean confined;

    @Override
    public final boolean confined() {
        return confined;
    }

    @Override
    public final String packageName() {
        return packageName;
    }

    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Optional<String>>> probe =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The installed version, probed once (see {@link #startProbe}). */
    @Override
    public final Optional<String> detectVersion() {
        return startProbe().join();
    }

    /**
     * Starts the version probe in the background, once: it runs a program (Blender takes most of
     * a second), so a starting node runs it beside its other work rather than before it.
     */
    public final java.util.concurrent.CompletableFuture<Optional<String>> startProbe() {
        java.util.concurrent.CompletableFuture<Optional<String>> mine = new java.util.concurrent.CompletableFuture<>();
        if (!probe.compareAndSet(null, mine)) return probe.get();
        Thread t = new Thread(() -> {
            try {
                mine.complete(Probe.version(runner, List.of(executable, "--version"), version));
            } finally {
                mine.complete(Optional.empty()); // whatever went wrong, nobody waits for ever
            }
        }, "probe-" + packageName);
        t.setDaemon(true);
        t.start();
        return mine;
    }

    /** The scene, which must be a {@code extension} file among the job's files under {@code jobDir}. */
    protected final Path requireScene(String scene, Path jobDir, String extension) {
        if (!scene.toLowerCase().endsWith(extension)) {
            throw new InvalidInputException("scene must be a " + extension + " file for " + packageName + ", got " + scene);
        }
        Path dir = jobDir.toAbsolutePath().normalize();
        Path file = dir.resolve(scene).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new InvalidInputException("scene " + scene + " is not among the job's files");
        }
        return file;
    }
}
