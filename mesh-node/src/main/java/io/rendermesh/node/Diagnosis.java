package io.rendermesh.node;

import io.rendermesh.node.membership.JGroupsTransport;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.protocol.model.RendererInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * `rendermesh doctor`: what a node needs from this machine, checked one by one, each failure with
 * the fix. Nothing here changes the machine.
 */
public final class Diagnosis {
    static final long LOW_DISK_BYTES = 5L << 30;

    /** One finding: {@code ok} false is a failure, {@code fix} says what to do. */
    public record Check(String name, boolean ok, String detail, String fix) {
        static Check ok(String name, String detail) {
            return new Check(name, true, detail, null);
        }

        static Check fail(String name, String detail, String fix) {
            return new Check(name, false, detail, fix);
        }
    }

    private Diagnosis() {
    }

    public static List<Check> run(NodeConfig config) {
        List<Check> out = new ArrayList<>();
        out.add(multicast(config));
        out.add(port("mesh port", config, config.meshPort(), "--mesh-port"));
        if (config.webPort() > 0) out.add(port("web port", config, config.webPort(), "--web-port"));
        out.add(meshKey(config));
        out.addAll(renderers(config));
        out.add(disk(config.dataDir(), freeBytes(config.dataDir())));
        return out;
    }

    static Check multicast(NodeConfig config) {
        if (!config.mdns()) return Check.ok("multicast", "not used: mDNS is off, peers come from --seeds " + config.seeds());
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast()) {
                    return Check.ok("multicast", "interface " + nif.getName() + " can find peers over mDNS");
                }
            }
        } catch (IOException e) {
            return Check.fail("multicast", "cannot list network interfaces: " + e.getMessage(), "check the network configuration");
        }
        return Check.fail("multicast", "no interface that is up supports multicast, so mDNS finds no peers",
                "name peers with --seeds host:port,... (or --local for one machine)");
    }

    static Check port(String name, NodeConfig config, int port, String option) {
        if (port == 0) return Check.ok(name, "any free port");
        try {
            InetAddress bind = name.startsWith("web") ? InetAddress.getByName(config.webBind()) : JGroupsTransport.bindAddress(config);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(bind, port));
            }
            return Check.ok(name, bind.getHostAddress() + ":" + port + " is free");
        } catch (IOException e) {
            String running = Files.isRegularFile(config.dataDir().resolve("node.json")) ? " (a node of this data dir may be running: see "
                    + config.dataDir().resolve("node.json") + ")" : "";
            return Check.fail(name, "cannot bind port " + port + ": " + e.getMessage() + running,
                    "stop what uses it, or choose another with " + option + " N (0 = any)");
        }
    }

    static Check meshKey(NodeConfig config) {
        Path file = config.meshKeyFile() != null ? config.meshKeyFile() : config.dataDir().resolve(MeshKey.FILE_NAME);
        if (!Files.exists(file)) {
            return Check.ok("mesh key", "none yet at " + file + ": the first start makes one, or joins with rendermesh node --join CODE");
        }
        try {
            return Check.ok("mesh key", file + ", fingerprint " + MeshKey.read(file).fingerprint());
        } catch (IOException | IllegalArgumentException e) {
            return Check.fail("mesh key", "cannot read " + file + ": " + e.getMessage(),
                    "move it aside and join again: rendermesh node --join CODE (a member prints the code with rendermesh mesh-key)");
        }
    }

    static List<Check> renderers(NodeConfig config) {
        List<Check> out = new ArrayList<>();
        Sandbox sandbox = ProductionParts.sandbox(config);
        out.add(sandbox.active() ? Check.ok("sandbox", "bubblewrap confines POV-Ray and Blender to each job's files")
                : Check.fail("sandbox", "bubblewrap is missing or not permitted, so POV-Ray and Blender are not offered",
                        "scripts/install-renderers (or apt-get install bubblewrap), or accept the risk with --unsandboxed-renderers"));
        // every renderer found, confined or not: whether it may run is the sandbox line's matter
        List<Renderer> candidates = ProductionParts.renderers(config.withUnsandboxedRenderers(true), sandbox);
        List<RendererInfo> found = new RendererRegistry(candidates, List.of()).installed();
        for (String pkg : List.of("builtin", "povray", "blender")) {
            var info = found.stream().filter(r -> r.packageName().equals(pkg)).findFirst();
            out.add(info.isPresent() ? Check.ok("renderer " + pkg, "version " + info.get().version())
                    : Check.fail("renderer " + pkg, "not found on PATH", "scripts/install-renderers (or apt-get install " + pkg + ")"));
        }
        return out;
    }

    static long freeBytes(Path dir) {
        try {
            Path p = dir;
            while (p != null && !Files.exists(p)) p = p.getParent();
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Pure: enough room for frames and job files. */
    static Check disk(Path dir, long freeBytes) {
        if (freeBytes < 0) return Check.fail("disk", "cannot tell the free space at " + dir, "check that " + dir + " is writable");
        String free = freeBytes / (1 << 20) + " MB free at " + dir;
        return freeBytes >= LOW_DISK_BYTES ? Check.ok("disk", free)
                : Check.fail("disk", free + ", less than " + (LOW_DISK_BYTES >> 30) + " GB", "free space there, or use --data-dir on a larger disk");
    }
}
