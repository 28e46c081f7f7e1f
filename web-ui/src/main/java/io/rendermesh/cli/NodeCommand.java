package io.rendermesh.cli;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.web.HttpApi;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `rendermesh node`: runs one mesh node and its web server in the foreground until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one mesh node in the foreground.")
class NodeCommand implements Callable<Integer> {
    @Option(names = "--name", description = "node name (default: host name)")
    String name;
    @Option(names = "--data-dir", description = "data directory (default: ~/.rendermesh)")
    Path dataDir;
    @Option(names = "--mesh", defaultValue = "rendermesh", description = "mesh (cluster) name")
    String mesh;
    @Option(names = "--bind-addr", description = "mesh bind address (default: first site-local address; 127.0.0.1 with --local)")
    String bindAddr;
    @Option(names = "--mesh-port", defaultValue = "7800", description = "mesh port, 0 = any")
    int meshPort;
    @Option(names = "--seeds", split = ",", description = "other nodes, host:port,...")
    List<String> seeds = List.of();
    @Option(names = "--no-mdns", description = "do not use mDNS discovery")
    boolean noMdns;
    @Option(names = "--mesh-key-file", description = "shared mesh key; nodes without it cannot join")
    Path meshKeyFile;
    @Option(names = "--join", paramLabel = "CODE", description = "join the mesh whose code 'rendermesh mesh-key' printed on a member (stored as DATA_DIR/mesh.key)")
    String joinCode;
    @Option(names = "--site", defaultValue = "default", description = "site name")
    String site;
    @Option(names = "--bridge", split = ",", description = "the bridge ports of the sites' gateways, host:port,... (this site's other gateways too)")
    List<String> bridges = List.of();
    @Option(names = "--bridge-port", defaultValue = "0", description = "make this node a gateway that may carry the bridge to other sites, on this port (and stream job files to them on the next one)")
    int bridgePort;
    @Option(names = "--site-key-file", description = "the key the bridged sites share; every node of a bridged site has it")
    Path siteKeyFile;
    @Option(names = "--web-port", defaultValue = "8080", description = "web port, 0 = any")
    int webPort;
    @Option(names = "--web-bind", defaultValue = "127.0.0.1", description = "web bind address")
    String webBind;
    @Option(names = "--web-token-file", description = "API token file, required unless --web-bind is loopback")
    Path webTokenFile;
    @Option(names = "--slots", defaultValue = "0", description = "concurrent frames (default: cores/2, at least 1)")
    int slots;
    @Option(names = "--tags", split = ",", description = "tags jobs can require")
    List<String> tags = List.of();
    @Option(names = "--renderers", split = ",", description = "renderers to offer (default: all detected)")
    List<String> renderers = List.of();
    @Option(names = "--local", description = "preset: loopback only, no mDNS")
    boolean local;
    @Option(names = "--max-upload-mb", defaultValue = "2048", description = "largest job upload in MB")
    long maxUploadMb;
    @Option(names = "--cache-mb", defaultValue = "20480", description = "disk kept for job files (textures...) for later jobs, in MB; least recently used go first")
    long cacheMb;

    @Option(names = "--max-jobs", defaultValue = "1000", description = "jobs this node keeps; more submissions get 429")
    int maxJobs;
    @Option(names = "--max-frames-per-job", defaultValue = "100000", description = "frames one job may have; more get 413")
    int maxFramesPerJob;

    @Option(names = "--keep-jobs-days", defaultValue = "30", description = "finished jobs are deleted from the mesh this many days after they began")
    int keepJobsDays;
    @Option(names = "--web-host", split = ",", description = "extra host names the web server answers to (repeatable or a,b); "
            + "loopback names and the bind address always work")
    List<String> webHosts = List.of();
    @Option(names = "--max-event-streams", defaultValue = "64", description = "live event streams (open job pages) this node serves at once; more get 429")
    int maxEventStreams;
    @Option(names = "--unsandboxed-renderers", description = "offer POV-Ray and Blender even where bubblewrap cannot confine them")
    boolean unsandboxedRenderers;

    @Option(names = "--render-when", defaultValue = "always", description = "always, or idle: render only when nobody used this desk's pointer or keyboard for --idle-minutes")
    String renderWhen;

    @Option(names = "--idle-minutes", defaultValue = "5", description = "minutes without input before a --render-when idle desk counts as away")
    int idleMinutes;

    @Option(names = "--synthetic-slowdown", defaultValue = "1", hidden = true,
            description = "the synthetic renderer takes this many times its frames' frameMillis (benchmarks of a slow node)")
    double syntheticSlowdown;

    @Override
    public Integer call() throws Exception {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("rendermesh node " + running.config().name() + " ready web=" + running.url() + " mesh=" + running.node().meshAddress());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A node started by this command, with its web server. */
    record Running(NodeConfig config, MeshNode node, HttpApi http, String url, String token, java.util.concurrent.atomic.AtomicBoolean stopped) {
        /** Once, whoever asks first (the tray's Quit or the shutdown hook). */
        void stop() {
            if (!stopped.compareAndSet(false, true)) return;
            http.close();
            node.close();
        }
    }

    /** Starts the node and its web server, and says so in {@code DATA_DIR/node.json}. */
    Running start() throws Exception {
        NodeConfig config = config();
        if (syntheticSlowdown < 1 || syntheticSlowdown > 100) throw new CliException("--synthetic-slowdown must be between 1 and 100");
        System.setProperty(io.rendermesh.node.render.synthetic.SyntheticRenderer.SLOWDOWN_PROPERTY, Double.toString(syntheticSlowdown));
        String token = token();
        if (token == null && !InetAddress.getByName(webBind).isLoopbackAddress()) {
            throw new CliException("--web-bind " + webBind + " is not a loopback address: give --web-token-file too");
        }
        MeshNode node = MeshNode.start(config);
        HttpApi http = new HttpApi(node.api(), new HttpApi.Options(webBind, webPort, token, config.maxUploadBytes(),
                webHosts, maxEventStreams));
        String url;
        try {
            url = http.start();
        } catch (RuntimeException e) {
            node.close();
            throw new CliException("cannot start the web server on " + webBind + ":" + webPort + ": " + e.getMessage());
        }
        node.setWebUrl(url);
        writeNodeJson(config, node, url);
        return new Running(config, node, http, url, token, new java.util.concurrent.atomic.AtomicBoolean());
    }

    NodeConfig config() throws IOException {
        String nodeName = name != null ? name : InetAddress.getLocalHost().getHostName();
        Path dir = dataDirOr(dataDir);
        Path keyFile = meshKeyFile;
        if (joinCode != null) {
            if (meshKeyFile != null) throw new CliException("give either --join or --mesh-key-file, not both");
            try {
                keyFile = dir.resolve(io.rendermesh.node.membership.MeshKey.FILE_NAME);
                io.rendermesh.node.membership.MeshKey.fromJoinCode(joinCode).write(keyFile);
            } catch (IllegalArgumentException e) {
                throw new CliException("--join: " + e.getMessage());
            }
        }
        NodeConfig base = local ? NodeConfig.local(nodeName, dir) : NodeConfig.lan(nodeName, dir);
        if (meshPort < 0 || meshPort > 65535) throw new CliException("--mesh-port must be between 0 and 65535");
        if (webPort < 0 || webPort > 65535) throw new CliException("--web-port must be between 0 and 65535");
        if (maxJobs < 1) throw new CliException("--max-jobs must be at least 1");
        if ((bridgePort > 0 || !bridges.isEmpty()) && siteKeyFile == null) {
            throw new CliException("--bridge and --bridge-port need --site-key-file: a bridge crosses networks nobody controls");
        }
        if (bridgePort < 0 || bridgePort > 65534) throw new CliException("--bridge-port must be between 0 and 65534 (job files to other sites stream on the port after it)");
        if (maxFramesPerJob < 1) throw new CliException("--max-frames-per-job must be at least 1");
        if (idleMinutes < 0) throw new CliException("--idle-minutes must be 0 or more");
        if (keepJobsDays < 1) throw new CliException("--keep-jobs-days must be at least 1");
        io.rendermesh.node.desk.DeskPolicy.RenderWhen when;
        try {
            when = io.rendermesh.node.desk.DeskPolicy.RenderWhen.parse(renderWhen);
        } catch (IllegalArgumentException e) {
            throw new CliException("--" + e.getMessage());
        }
        return new NodeConfig(nodeName, dir, mesh, bindAddr != null ? bindAddr : base.bindAddr(), meshPort, seeds,
                !local && !noMdns, keyFile, site, bridges, bridgePort, webPort, webBind, webTokenFile, slots, tags,
                renderers, false, new NodeConfig.Limits(maxUploadMb * 1024 * 1024, cacheMb * 1024 * 1024, maxJobs, maxFramesPerJob, keepJobsDays),
                unsandboxedRenderers, siteKeyFile, new NodeConfig.Desk(when, idleMinutes));
    }

    static Path dataDirOr(Path dataDir) {
        return dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".rendermesh");
    }

    private String token() throws IOException {
        if (webTokenFile == null) return null;
        String t = Files.readString(webTokenFile).trim();
        if (t.isEmpty()) throw new CliException("web token file " + webTokenFile + " is empty");
        return t;
    }

    private static void writeNodeJson(NodeConfig config, MeshNode node, String url) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", config.name());
        info.put("pid", ProcessHandle.current().pid());
        info.put("webUrl", url);
        info.put("meshAddress", node.meshAddress());
        info.put("site", config.site());
        Files.createDirectories(config.dataDir());
        Path tmp = config.dataDir().resolve("node.json.tmp");
        Files.writeString(tmp, ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
        Files.move(tmp, config.dataDir().resolve("node.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
