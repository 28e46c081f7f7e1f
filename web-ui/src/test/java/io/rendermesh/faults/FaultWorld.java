package io.rendermesh.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rendermesh.e2e.Netns;
import io.rendermesh.e2e.NodeProcess;
import io.rendermesh.node.membership.MeshKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Four real node processes on two hosts for the fault suite: network namespaces L (n1, n2) and R
 * (n3, n4) joined by one veth pair, so a partition is that link going down. n4's data dir is a
 * small tmpfs that a fault can fill. The test reaches each node's web API with curl inside the
 * node's namespace (nodes listen on their namespace's loopback). Names are unique to this JVM;
 * {@link #close} removes everything, also after a failure.
 */
final class FaultWorld implements AutoCloseable {
    static final String ADDR_L = "169.254.79.1";
    static final String ADDR_R = "169.254.79.2";
    static final List<String> NAMES = List.of("n1", "n2", "n3", "n4");
    static final String DISK_NODE = "n4";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String nsL;
    final String nsR;
    private final String vethR;
    private final Path dir;
    private final Path key;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> generation = new LinkedHashMap<>();

    /** What the test may ask of one HTTP call. */
    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private FaultWorld(Path dir) throws IOException {
        String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
        nsL = "rmfL" + suffix;
        nsR = "rmfR" + suffix;
        vethR = "rmfr" + suffix;
        this.dir = dir;
        this.key = dir.resolve("mesh.key");
        Files.writeString(key, MeshKey.generate().joinCode());
    }

    static boolean available() {
        return Netns.available() && run(List.of("curl", "--version")) == 0;
    }

    static FaultWorld create(Path dir) throws IOException {
        FaultWorld w = new FaultWorld(dir);
        w.removeNetwork();
        String vethL = "rmfl" + w.nsL.substring(4);
        List<List<String>> steps = List.of(
                List.of("ip", "netns", "add", w.nsL), List.of("ip", "netns", "add", w.nsR),
                List.of("ip", "link", "add", vethL, "type", "veth", "peer", "name", w.vethR),
                List.of("ip", "link", "set", vethL, "netns", w.nsL), List.of("ip", "link", "set", w.vethR, "netns", w.nsR),
                List.of("ip", "-n", w.nsL, "addr", "add", ADDR_L + "/24", "dev", vethL),
                List.of("ip", "-n", w.nsR, "addr", "add", ADDR_R + "/24", "dev", w.vethR),
                List.of("ip", "-n", w.nsL, "link", "set", "lo", "up"), List.of("ip", "-n", w.nsR, "link", "set", "lo", "up"),
                List.of("ip", "-n", w.nsL, "link", "set", vethL, "up"), List.of("ip", "-n", w.nsR, "link", "set", w.vethR, "up"));
        for (List<String> cmd : steps) {
            if (run(cmd) != 0) {
                w.close();
                throw new IllegalStateException("failed: " + cmd);
            }
        }
        Path disk = Files.createDirectories(w.dataDir(DISK_NODE));
        if (run(List.of("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString())) != 0) {
            w.close();
            throw new IllegalStateException("cannot mount a tmpfs on " + disk);
        }
        return w;
    }

    String ns(String node) {
        return node.equals("n1") || node.equals("n2") ? nsL : nsR;
    }

    /** The nodes on the same side of the link as {@code node}. */
    List<String> sideOf(String node) {
        return NAMES.stream().filter(n -> ns(n).equals(ns(node))).toList();
    }

    private String addr(String node) {
        return ns(node).equals(nsL) ? ADDR_L : ADDR_R;
    }

    private int index(String node) {
        return NAMES.indexOf(node) + 1;
    }

    Path dataDir(String node) {
        return dir.resolve(node);
    }

    Path log(String node) {
        return dir.resolve(node + "-" + generation.getOrDefault(node, 0) + ".log");
    }

    void start(String node) throws IOException {
        generation.merge(node, 1, Integer::sum);
        List<String> seeds = new ArrayList<>();
        for (String n : NAMES) seeds.add(addr(n) + ":" + (7800 + index(n)));
        List<String> cmd = List.of("ip", "netns", "exec", ns(node), NodeProcess.javaBin(), "-Xmx384m", "-jar", NodeProcess.jar().toString(), "node",
                "--name", node, "--data-dir", dataDir(node).toString(), "--bind-addr", addr(node),
                "--mesh-port", Integer.toString(7800 + index(node)), "--seeds", String.join(",", seeds), "--no-mdns",
                "--mesh-key-file", key.toString(), "--web-port", Integer.toString(8080 + index(node)), "--slots", "1");
        Files.createDirectories(dataDir(node));
        processes.put(node, new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(node).toFile()).start());
    }

    boolean ready(String node) throws IOException {
        Process p = processes.get(node);
        if (p == null || !p.isAlive()) return false;
        return Files.exists(log(node)) && Files.readString(log(node)).contains("rendermesh node " + node + " ready");
    }

    boolean alive(String node) {
        Process p = processes.get(node);
        return p != null && p.isAlive();
    }

    /** kill -9: the process and its sockets vanish at once, with no goodbye to the mesh. */
    void kill(String node) throws InterruptedException {
        Process p = processes.get(node);
        if (p == null) return;
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** The link between the two hosts goes down (both sides keep running). */
    void split() {
        check(List.of("ip", "-n", nsR, "link", "set", vethR, "down"));
    }

    void heal() {
        check(List.of("ip", "-n", nsR, "link", "set", vethR, "up"));
    }

    /** Fills n4's data dir to the last byte; returns the filler to remove. */
    Path fillDisk() throws IOException {
        Path filler = dataDir(DISK_NODE).resolve("filler");
        byte[] block = new byte[1 << 20];
        try (var out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 64; i++) out.write(block); // the tmpfs is 48 MB: this ends in "no space left"
        } catch (IOException full) {
            return filler;
        }
        throw new IllegalStateException("the disk of " + DISK_NODE + " did not fill up");
    }

    Reply get(String via, String path) {
        return curl(via, List.of("http://127.0.0.1:" + (8080 + index(via)) + path));
    }

    Reply post(String via, String path, String json) {
        return curl(via, List.of("-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json,
                "http://127.0.0.1:" + (8080 + index(via)) + path));
    }

    /** Writes the response body to {@code out}; returns the status. */
    int download(String via, String path, Path out) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(via), "curl", "-s", "-m", "10", "-o", out.toString(),
                "-w", "%{http_code}", "http://127.0.0.1:" + (8080 + index(via)) + path));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String code = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(15, TimeUnit.SECONDS);
            return code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private Reply curl(String via, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(via), "curl", "-s", "-m", "10", "-w", "\n%{http_code}"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(15, TimeUnit.SECONDS);
            int nl = out.lastIndexOf('\n');
            String code = out.substring(nl + 1).trim();
            return new Reply(code.matches("\\d{3}") ? Integer.parseInt(code) : 0, nl < 0 ? "" : out.substring(0, nl));
        } catch (IOException | InterruptedException e) {
            return new Reply(0, e.toString());
        }
    }

    @Override
    public void close() {
        for (Process p : processes.values()) p.destroyForcibly();
        for (Process p : processes.values()) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run(List.of("umount", "-l", dataDir(DISK_NODE).toString()));
        removeNetwork();
    }

    private void removeNetwork() {
        run(List.of("ip", "netns", "del", nsL));
        run(List.of("ip", "netns", "del", nsR));
    }

    private static int run(List<String> cmd) {
        return Netns.run(cmd);
    }

    private static void check(List<String> cmd) {
        if (run(cmd) != 0) throw new IllegalStateException("failed: " + cmd);
    }
}
