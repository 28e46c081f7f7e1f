package io.rendermesh.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A `rendermesh node --local` child process on loopback with static seeds: used by `demo`, the
 * end-to-end tests and the benchmarks. Its output goes to a log file; the ready line gives its
 * web address.
 */
public final class NodeLauncher implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("rendermesh node (\\S+) ready web=(\\S+) mesh=(\\S+)");

    /**
     * The JVM options a node runs with (scripts/rendermesh passes the same): a small young heap that
     * grows when frames need it and gives memory back when idle (serial collector), and smaller
     * thread stacks. An idle node stays under 150 MB resident (scripts/bench startup).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Xss512k");

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> webUrl = new CompletableFuture<>();

    private NodeLauncher(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param jar the runnable jar to start, or null to start this JVM's own class path
     * @param extra further `node` options, e.g. "--slots", "1"
     */
    public static NodeLauncher start(Path jar, String name, Path dataDir, int meshPort, Collection<Integer> seedPorts,
                                     List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
        cmd.addAll(JVM_OPTIONS);
        if (jar != null) cmd.addAll(List.of("-jar", jar.toString()));
        else cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RenderMeshCli.class.getName()));
        cmd.addAll(List.of("node", "--local", "--name", name, "--data-dir", dataDir.toString(),
                "--mesh-port", Integer.toString(meshPort), "--web-port", "0"));
        if (!seedPorts.isEmpty()) {
            cmd.add("--seeds");
            cmd.add(String.join(",", seedPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
        }
        cmd.addAll(extra);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        NodeLauncher node = new NodeLauncher(name, p, log);
        Thread reader = new Thread(node::pump, "node-output-" + name);
        reader.setDaemon(true);
        reader.start();
        return node;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = READY.matcher(line);
                if (m.find()) webUrl.complete(m.group(2));
            }
        } catch (IOException ignored) {
            // the process ended
        }
        webUrl.completeExceptionally(new IllegalStateException("node " + name + " exited before it was ready; see " + log));
    }

    /** Waits for the node's ready line and returns its web URL. */
    public String webUrl(Duration timeout) throws Exception {
        return webUrl.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** Like a power cut: no chance to leave the mesh cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A free port whose failure-detection neighbour (port + 100, JGroups FD_SOCK2) is free too. */
    public static int freeMeshPort(Collection<Integer> taken) throws IOException {
        for (int i = 0; i < 100; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 100 > 65535 || taken.contains(port) || taken.contains(port + 100) || taken.contains(port - 100)) continue;
                try (ServerSocket t = new ServerSocket(port + 100)) {
                    return port;
                } catch (IOException busy) {
                    // try another port
                }
            }
        }
        throw new IOException("no free port pair found");
    }
}
