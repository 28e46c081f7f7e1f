package io.rendermesh.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real `rendermesh node` process started from the shaded jar, for end-to-end tests. */
final class NodeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("rendermesh node (\\S+) ready web=(\\S+) mesh=(\\S+)");

    final String name;
    final int meshPort;
    final Process process;
    final Path log;
    private final CompletableFuture<String> webUrl = new CompletableFuture<>();

    private NodeProcess(String name, int meshPort, Process process, Path log) {
        this.name = name;
        this.meshPort = meshPort;
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        Path jar = Path.of("target", "rendermesh.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("build the jar first: " + jar);
        return jar;
    }

    static NodeProcess start(String name, Path dataDir, int meshPort, List<Integer> seedPorts, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString(), "node", "--local",
                "--name", name, "--data-dir", dataDir.toString(), "--mesh-port", Integer.toString(meshPort),
                "--web-port", "0", "--slots", "1"));
        if (!seedPorts.isEmpty()) {
            cmd.add("--seeds");
            cmd.add(String.join(",", seedPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
        }
        cmd.addAll(List.of(extra));
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("node.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        NodeProcess node = new NodeProcess(name, meshPort, p, log);
        Thread reader = new Thread(() -> node.pump(p), "out-" + name);
        reader.setDaemon(true);
        reader.start();
        return node;
    }

    private void pump(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
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

    String webUrl() throws Exception {
        return webUrl.get(60, TimeUnit.SECONDS);
    }

    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A free port whose FD_SOCK2 neighbour (port + 100) is free too. */
    static int freeMeshPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 100 > 65535) continue;
                try (ServerSocket t = new ServerSocket(port + 100)) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair found");
    }
}
