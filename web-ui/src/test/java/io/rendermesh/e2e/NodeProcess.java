package io.rendermesh.e2e;

import io.rendermesh.cli.NodeLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real `rendermesh node` process started from the shaded jar, as users start it, for end-to-end tests. */
public final class NodeProcess implements AutoCloseable {
    final Process process;
    private final NodeLauncher launcher;

    private NodeProcess(NodeLauncher launcher) {
        this.launcher = launcher;
        this.process = launcher.process();
    }

    public static Path jar() {
        Path jar = Path.of("target", "rendermesh.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("build the jar first: " + jar);
        return jar;
    }

    static NodeProcess start(String name, Path dataDir, int meshPort, List<Integer> seedPorts) throws IOException {
        return start(name, dataDir, meshPort, seedPorts, List.of());
    }

    /** @param extra further `node` options after the default "--slots 1" */
    static NodeProcess start(String name, Path dataDir, int meshPort, List<Integer> seedPorts, List<String> extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--slots", "1"));
        args.addAll(extra);
        return new NodeProcess(NodeLauncher.start(jar(), name, dataDir, meshPort, seedPorts, args));
    }

    /**
     * Nodes "a" (with {@code extraA}) and "b" under {@code dir}, seeded with each other, added to
     * {@code started} as they start (so the caller can stop them whatever happens); returns once
     * b's resource map lists both.
     */
    static void startPair(Path dir, List<String> extraA, List<NodeProcess> started) throws Exception {
        int pa = freeMeshPort();
        int pb = freeMeshPort();
        started.add(start("a", dir.resolve("a"), pa, List.of(pa, pb), extraA));
        started.add(start("b", dir.resolve("b"), pb, List.of(pa, pb)));
        started.get(0).webUrl();
        String urlB = started.get(1).webUrl();
        org.awaitility.Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                .until(() -> Http.getJson(urlB + "/api/v1/nodes").size() == 2);
    }

    String webUrl() throws Exception {
        return launcher.webUrl(Duration.ofSeconds(60));
    }

    /** Where the node's output goes (started afresh by each start). */
    Path log() {
        return launcher.log();
    }

    void kill() throws InterruptedException {
        launcher.kill();
    }

    @Override
    public void close() throws InterruptedException {
        launcher.close();
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freeMeshPort() throws IOException {
        return NodeLauncher.freeMeshPort(List.of());
    }
}
