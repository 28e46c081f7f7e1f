package io.rendermesh.node;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a node is started with. Presets: {@link #lan(String, Path)} for a workstation on a LAN
 * (site-local address, mDNS on) and {@link #local(String, Path)} for loopback only (no mDNS).
 *
 * @param bindAddr     address the mesh transport binds; null picks the first site-local address
 * @param meshPort     0 picks any free port
 * @param seeds        host:port of other nodes (TCPPING); may be empty
 * @param webPort      0 picks any free port; -1 means no web server (in-JVM tests)
 * @param slots        concurrent frames; 0 means cores/2, at least 1
 * @param renderers    renderer packages to offer; empty means every one detected
 * @param sharedLoopback in-JVM tests: JGroups SHARED_LOOPBACK instead of TCP
 * @param unsandboxedRenderers offer POV-Ray and Blender even where no sandbox (bubblewrap) can confine them
 * @param siteKeyFile  the key the sites of a bridge share; a node with one is part of a bridged site
 *                     (gateways are the nodes with a {@code bridgePort})
 * @param desk         when a workstation renders: always, or only when its person is away
 */
public record NodeConfig(
        String name,
        Path dataDir,
        String mesh,
        String bindAddr,
        int meshPort,
        List<String> seeds,
        boolean mdns,
        Path meshKeyFile,
        String site,
        List<String> bridges,
        int bridgePort,
        int webPort,
        String webBind,
        Path webTokenFile,
        int slots,
        List<String> tags,
        List<String> renderers,
        boolean sharedLoopback,
        Limits limits,
        boolean unsandboxedRenderers,
        Path siteKeyFile,
        Desk desk) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long DEFAULT_BLOB_CACHE_BYTES = 20L * 1024 * 1024 * 1024;

    public static final int DEFAULT_MAX_JOBS = 1_000;
    public static final int DEFAULT_MAX_FRAMES_PER_JOB = 100_000;

    /**
     * @param maxUploadBytes  largest job upload the web API accepts
     * @param blobCacheBytes  job files kept on disk for later jobs, least recently used dropped first (0: no limit)
     * @param maxJobs         jobs this node keeps in its table; a submission beyond it is refused (HTTP 429)
     * @param maxFramesPerJob frames one job may have; a larger profile is refused (HTTP 413)
     * @param keepJobsDays    finished jobs are deleted from the mesh this many days after they began
     */
    public record Limits(long maxUploadBytes, long blobCacheBytes, int maxJobs, int maxFramesPerJob, int keepJobsDays) {
        public static final int DEFAULT_KEEP_JOBS_DAYS = 30;
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_BLOB_CACHE_BYTES);

        public Limits(long maxUploadBytes, long blobCacheBytes) {
            this(maxUploadBytes, blobCacheBytes, DEFAULT_MAX_JOBS, DEFAULT_MAX_FRAMES_PER_JOB);
        }

        public Limits(long maxUploadBytes, long blobCacheBytes, int maxJobs, int maxFramesPerJob) {
            this(maxUploadBytes, blobCacheBytes, maxJobs, maxFramesPerJob, DEFAULT_KEEP_JOBS_DAYS);
        }
    }

    /** The canonical form without {@code unsandboxedRenderers} (off): external renderers only run confined. */
    public NodeConfig(String name, Path dataDir, String mesh, String bindAddr, int meshPort, List<String> seeds,
                      boolean mdns, Path meshKeyFile, String site, List<String> bridges, int bridgePort, int webPort,
                      String webBind, Path webTokenFile, int slots, List<String> tags, List<String> renderers,
                      boolean sharedLoopback, Limits limits) {
        this(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges, bridgePort, webPort,
                webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, false, null, null);
    }

    public long maxUploadBytes() {
        return limits.maxUploadBytes();
    }

    public NodeConfig {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
        tags = tags == null ? List.of() : List.copyOf(tags);
        renderers = renderers == null ? List.of() : List.copyOf(renderers);
        limits = limits == null ? Limits.DEFAULT : limits;
        desk = desk == null ? Desk.DEFAULT : desk;
    }

    /**
     * @param renderWhen  {@code always}, or {@code idle}: only when nobody used pointer or keyboard for {@code idleMinutes}
     */
    public record Desk(io.rendermesh.node.desk.DeskPolicy.RenderWhen renderWhen, int idleMinutes) {
        public static final Desk DEFAULT = new Desk(io.rendermesh.node.desk.DeskPolicy.RenderWhen.ALWAYS, 5);

        public Desk {
            if (renderWhen == null) renderWhen = io.rendermesh.node.desk.DeskPolicy.RenderWhen.ALWAYS;
            if (idleMinutes < 0) throw new IllegalArgumentException("--idle-minutes must be 0 or more");
        }
    }

    public NodeConfig withDesk(Desk newDesk) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers,
                siteKeyFile, newDesk);
    }

    public static NodeConfig lan(String name, Path dataDir) {
        return new NodeConfig(name, dataDir, "rendermesh", null, 7800, List.of(), true, null, "default", List.of(),
                0, 8080, "127.0.0.1", null, 0, List.of(), List.of(), false, Limits.DEFAULT);
    }

    public static NodeConfig local(String name, Path dataDir) {
        return new NodeConfig(name, dataDir, "rendermesh", "127.0.0.1", 7800, List.of(), false, null, "default",
                List.of(), 0, 8080, "127.0.0.1", null, 0, List.of(), List.of(), false, Limits.DEFAULT);
    }

    public int effectiveSlots() {
        return slots > 0 ? slots : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public NodeConfig withMeshPort(int port) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, port, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withSeeds(List<String> newSeeds) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, newSeeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withWebPort(int port) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, port, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withSlots(int n) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, n, tags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withTags(List<String> newTags) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, newTags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withMeshKeyFile(Path keyFile) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, keyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withLimits(Limits newLimits) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, newLimits, unsandboxedRenderers, siteKeyFile, desk);
    }

    public NodeConfig withUnsandboxedRenderers(boolean allowed) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, allowed, siteKeyFile, desk);
    }

    /** A node of a bridged site: {@code bridgePort} > 0 makes it a gateway that may carry the bridge. */
    public NodeConfig withBridge(String newSite, int newBridgePort, List<String> gateways, Path newSiteKeyFile) {
        return new NodeConfig(name, dataDir, mesh, bindAddr, meshPort, seeds, mdns, meshKeyFile, newSite, gateways,
                newBridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, sharedLoopback, limits, unsandboxedRenderers,
                newSiteKeyFile, desk);
    }

    /** Whether this node's site is bridged to others (all its nodes then carry RELAY3). */
    public boolean bridged() {
        return siteKeyFile != null;
    }

    public NodeConfig withSharedLoopback(String meshName) {
        return new NodeConfig(name, dataDir, meshName, "127.0.0.1", 0, seeds, false, meshKeyFile, site, bridges,
                bridgePort, webPort, webBind, webTokenFile, slots, tags, renderers, true, limits, unsandboxedRenderers, siteKeyFile, desk);
    }
}
