package io.rendermesh.node.render.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs "renderer --version" once at start-up and reads the version from its output. */
public final class VersionProbe {
    private static final long TIMEOUT_MILLIS = 15_000;

    private VersionProbe() {
    }

    public static Optional<String> run(ProcessRunner runner, List<String> argv, Pattern version) {
        AtomicReference<String> found = new AtomicReference<>();
        try {
            Path dir = Files.createTempDirectory("rendermesh-probe");
            ProcessRunner.RunningProcess p = runner.start(argv, dir, Map.of());
            Thread reader = new Thread(() -> ExternalRender.pump(p.output(), line -> {
                Matcher m = version.matcher(line);
                if (m.find()) found.compareAndSet(null, m.group(1));
            }), "version-probe");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(TIMEOUT_MILLIS)) p.destroyTree();
            reader.join(2_000);
            Files.deleteIfExists(dir);
        } catch (Exception e) {
            return Optional.empty(); // not installed (or not runnable): the node does not offer it
        }
        return Optional.ofNullable(found.get());
    }
}
