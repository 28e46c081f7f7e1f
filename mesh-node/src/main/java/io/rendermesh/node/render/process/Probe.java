package io.rendermesh.node.render.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A short command run once at start-up to learn what this host has ("povray --version", a sandbox trial). */
public final class Probe {
    private static final long TIMEOUT_MILLIS = 15_000;
    private static final int MAX_LINES = 50;

    /** How the command ended and the first lines it printed. */
    public record Outcome(int exitCode, List<String> lines) {
    }

    private Probe() {
    }

    /**
     * @param argv the command, given the empty scratch folder it runs in
     * @return empty when it cannot be started or does not end in time (then it is killed)
     */
    public static Optional<Outcome> run(ProcessRunner runner, Function<Path, List<String>> argv) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try {
            Path dir = Files.createTempDirectory("rendermesh-probe");
            try {
                ProcessRunner.RunningProcess p = runner.start(argv.apply(dir), dir, Map.of());
                Thread reader = new Thread(() -> ExternalRender.pump(p.output(), line -> {
                    if (lines.size() < MAX_LINES) lines.add(line);
                }), "probe");
                reader.setDaemon(true);
                reader.start();
                if (!p.waitFor(TIMEOUT_MILLIS)) {
                    p.destroyTree();
                    return Optional.empty();
                }
                reader.join(2_000);
                return Optional.of(new Outcome(p.exitValue(), List.copyOf(lines)));
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (Exception e) {
            return Optional.empty(); // not installed, or not runnable here
        }
    }

    /** The first match of {@code version}'s group 1 in what {@code argv} prints; empty when the program is missing. */
    public static Optional<String> version(ProcessRunner runner, List<String> argv, Pattern version) {
        return run(runner, dir -> argv).flatMap(o -> o.lines().stream().map(version::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst());
    }
}
