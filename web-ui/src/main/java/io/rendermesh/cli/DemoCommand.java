package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `rendermesh demo`: starts several nodes on this machine (separate processes on loopback joined
 * by static seeds), renders the bundled demo animation on them and writes the frames.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Render the bundled demo on several local nodes.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "3")
    int nodes;
    @Option(names = "--frames", defaultValue = "24", description = "number of frames")
    int frames;
    @picocli.CommandLine.Mixin
    ImageOptions image;
    @Option(names = "--out", defaultValue = "rendermesh-out/demo")
    Path out;
    @Option(names = "--exit-when-done", description = "stop the nodes and exit once every frame is written")
    boolean exitWhenDone;

    private final List<NodeLauncher> children = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > 16) throw new CliException("--nodes must be between 1 and 16");
        if (frames < 1) throw new CliException("--frames must be at least 1");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "demo-shutdown"));
        Path work = Files.createTempDirectory("rendermesh-demo-");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) ports.add(NodeLauncher.freeMeshPort(ports));
        for (int i = 0; i < nodes; i++) {
            children.add(NodeLauncher.start(null, "demo-" + (i + 1), work.resolve("demo-" + (i + 1)), ports.get(i), ports,
                    List.of("--slots", "1")));
        }
        List<String> web = new ArrayList<>();
        for (NodeLauncher child : children) {
            try {
                web.add(child.webUrl(Duration.ofSeconds(90)));
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
        profile.put("name", "demo").put("scene", builtin ? "builtin:demo" : "none").put("frames", "1-" + frames);
        image.writeTo(profile);
        profile.putObject("renderer").put("package", builtin ? "builtin" : "synthetic");
        if (!builtin) {
            System.err.println("note: this build has no built-in renderer; rendering synthetic gradients instead");
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

    private void stopChildren() {
        for (NodeLauncher child : children) child.process().destroy();
        for (NodeLauncher child : children) {
            try {
                child.close();
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
            }
        }
    }
}
