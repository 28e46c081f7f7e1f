package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `rendermesh demo`: starts several nodes on this machine (separate processes on loopback joined
 * by static seeds), renders the bundled demo animation on them and writes the frames.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Render the bundled demo on several local nodes.")
final class DemoCommand implements Callable<Integer> {
    private static final Pattern READY = Pattern.compile("rendermesh node (\\S+) ready web=(\\S+) mesh=(\\S+)");

    @Option(names = "--nodes", defaultValue = "3")
    int nodes;
    @Option(names = "--frames", defaultValue = "24", description = "number of frames")
    int frames;
    @Option(names = "--width", defaultValue = "320")
    int width;
    @Option(names = "--height", defaultValue = "180")
    int height;
    @Option(names = "--samples", defaultValue = "32")
    int samples;
    @Option(names = "--out", defaultValue = "rendermesh-out/demo")
    Path out;
    @Option(names = "--exit-when-done", description = "stop the nodes and exit once every frame is written")
    boolean exitWhenDone;

    private final List<Process> children = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 16) throw new CliException("--nodes must be between 1 and 16");
        if (frames < 1) throw new CliException("--frames must be at least 1");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "demo-shutdown"));
        Path work = Files.createTempDirectory("rendermesh-demo-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(freePortPair(ports));
        List<CompletableFuture<String>> urls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) urls.add(startNode("demo-" + (i + 1), work, ports.get(i), ports));
        List<String> web = new ArrayList<>();
        for (CompletableFuture<String> u : urls) {
            try {
                web.add(u.get(90, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new CliException("a demo node did not start: " + e.getMessage() + " (logs in " + work + ")");
            }
        }
        ApiClient api = new ApiClient(web.get(0), null);
        awaitMesh(api);
        System.out.println("mesh of " + nodes + " nodes is up; web UI: " + web.get(0) + "/");
        ObjectNode profile = ApiClient.JSON.createObjectNode();
        JsonNode scenes = api.get("/scenes");
        boolean builtin = false;
        for (JsonNode s : scenes) builtin |= s.asText().equals("builtin:demo");
        profile.put("name", "demo").put("scene", builtin ? "builtin:demo" : "none").put("frames", "1-" + frames)
                .put("width", width).put("height", height).put("samples", samples);
        profile.putObject("renderer").put("package", builtin ? "builtin" : "synthetic");
        if (!builtin) {
            System.err.println("note: this build has no built-in renderer yet; rendering synthetic gradients instead");
            profile.putObject("params").put("frameMillis", 500).put("passes", 4);
        }
        String id = api.postJsonText("/jobs", profile.toString()).get("id").asText();
        System.out.println("submitted job " + id + " (" + frames + " frames of builtin:demo)");
        int code = new JobFollower(api, id).followAndDownload(out);
        System.out.println("web UI: " + web.get(0) + "/");
        if (exitWhenDone) return code;
        System.out.println("nodes keep running; press Ctrl-C to stop them");
        new CountDownLatch(1).await();
        return code;
    }

    private void awaitMesh(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (api.get("/nodes").size() == nodes) return;
            Thread.sleep(200);
        }
        throw new CliException("the demo nodes did not form one mesh within 60 s");
    }

    private CompletableFuture<String> startNode(String name, Path work, int port, List<Integer> ports) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RenderMeshCli.class.getName(), "node", "--local", "--name", name, "--data-dir", work.resolve(name).toString(),
                "--mesh-port", Integer.toString(port), "--web-port", "0", "--slots", "1", "--seeds",
                String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        children.add(p);
        CompletableFuture<String> url = new CompletableFuture<>();
        Path log = work.resolve(name + ".log");
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var w = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    w.write(line);
                    w.newLine();
                    w.flush();
                    Matcher m = READY.matcher(line);
                    if (m.find()) url.complete(m.group(2));
                }
            } catch (IOException ignored) {
                // the node ended
            }
            url.completeExceptionally(new IllegalStateException(name + " exited; see " + log));
        }, "demo-" + name);
        t.setDaemon(true);
        t.start();
        return url;
    }

    private void stopChildren() {
        for (Process p : children) p.destroy();
        for (Process p : children) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A free port whose failure-detection neighbour (port + 100) is free as well. */
    static int freePortPair(List<Integer> taken) throws IOException {
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
        throw new IOException("no free port found");
    }
}
