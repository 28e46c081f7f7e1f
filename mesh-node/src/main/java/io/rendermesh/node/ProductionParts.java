package io.rendermesh.node;

import io.rendermesh.node.admission.AdmissionDesk;
import io.rendermesh.node.admission.JoinRequester;
import io.rendermesh.node.discovery.MdnsDiscovery;
import io.rendermesh.node.membership.JGroupsTransport;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.membership.MeshKeyResolver;
import io.rendermesh.node.membership.SeedList;
import io.rendermesh.node.membership.SiteBridge;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.resources.LocalResources;
import io.rendermesh.node.sites.SiteFileStreams;
import io.rendermesh.node.storage.BlobStream;
import io.rendermesh.node.render.blender.BlenderRenderer;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.node.render.povray.PovrayRenderer;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.node.render.process.SystemProcessRunner;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.storage.BundleJobFiles;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.node.storage.FileFrameStore;
import io.rendermesh.node.storage.MapDbJobJournal;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the real parts of a node: JGroups transport (with mDNS), file stores, MapDB journal, renderers. */
final class ProductionParts {
    private static final Logger log = LoggerFactory.getLogger(ProductionParts.class);

    private ProductionParts() {
    }

    static NodeParts create(NodeConfig config) throws Exception {
        boolean fresh = !MapDbJobJournal.exists(config.dataDir());
        Files.createDirectories(config.dataDir());
        List<Renderer> renderers = renderers(config);
        // the renderers' version probes run beside the rest of the start (stores, key, mesh stack)
        renderers.forEach(r -> {
            boolean offered = config.renderers().isEmpty() || config.renderers().contains(r.packageName());
            if (offered && r instanceof io.rendermesh.node.render.process.ExternalRenderer external) external.startProbe();
        });
        FileBlobStore blobs = new FileBlobStore(config.dataDir());
        blobs.setLimitBytes(config.limits().blobCacheBytes());
        MdnsDiscovery mdns = config.mdns() && !config.sharedLoopback() ? new MdnsDiscovery(config.mesh(), config.name()) : null;
        java.net.InetAddress bind = JGroupsTransport.bindAddress(config);
        JoinRequester asker = mdns == null ? null : new JoinRequester(config.name(), config.mesh(), mdns, bind);
        MeshKey key = MeshKeyResolver.resolve(config, bind, asker);
        // keyed members on a LAN take join requests from keyless workstations that found them over mDNS
        AdmissionDesk desk = key != null && mdns != null ? new AdmissionDesk(config.name(), config.mesh(), key, bind, Clock.systemUTC()) : null;
        if (desk != null) mdns.setAdmissionPort(desk.port());
        SiteBridge bridge = bridge(config, bind);
        JGroupsTransport transport = new JGroupsTransport(config, key, mdns, bridge, fresh);
        byte[] blobKey = key == null ? new byte[0] : key.blobKey(config.mesh());
        // in-JVM test meshes have no network to stream over; they fetch job files as chunks
        BlobStream stream = config.sharedLoopback() ? null : new BlobStream(blobs, bind, blobKey);
        return new NodeParts(transport, blobs, new FileFrameStore(config.dataDir()),
                new MapDbJobJournal(config.dataDir()), channel -> new BundleJobFiles(config.dataDir(), blobs, channel, stream, blobKey),
                renderers, bundledScenes(), Clock.systemUTC(), desk,
                bridge == null || config.sharedLoopback() ? null : new SiteFileStreams(blobs, bind, bridge.siteKey()),
                // read even when the node renders always: its person may switch to idle at any time
                io.rendermesh.node.desk.IdleReader.forThisMachine());
    }

    /** How this node's site is bridged to others (RELAY3 and, on a gateway, the bridge), or null. */
    static SiteBridge bridge(NodeConfig config, java.net.InetAddress bind) throws java.io.IOException {
        if (!config.bridged()) return null;
        if (!Files.isRegularFile(config.siteKeyFile())) throw new java.io.IOException("site key file " + config.siteKeyFile() + " does not exist");
        List<java.net.InetSocketAddress> gateways = new ArrayList<>(SeedList.parse(config.bridges()));
        java.net.InetSocketAddress me = new java.net.InetSocketAddress(bind, config.bridgePort());
        if (config.bridgePort() > 0 && !gateways.contains(me)) gateways.add(me);
        return new SiteBridge(config.site(), config.name(), bind, config.bridgePort(), gateways, MeshKey.read(config.siteKeyFile()));
    }

    static List<Renderer> renderers(NodeConfig config) {
        return renderers(config, sandbox(config));
    }

    static List<Renderer> renderers(NodeConfig config, String bwrap) {
        return renderers(config, sandbox(config, bwrap));
    }

    /** bubblewrap where this host has it and lets it work (RENDERMESH_BWRAP names another binary). */
    static Sandbox sandbox(NodeConfig config) {
        return sandbox(config, envOr("RENDERMESH_BWRAP", "bwrap"));
    }

    private static Sandbox sandbox(NodeConfig config, String bwrap) {
        return Sandbox.detect(new SystemProcessRunner(), bwrap,
                Sandbox.Limits.forHost(LocalResources.physicalMemoryBytes(), config.effectiveSlots()));
    }

    /**
     * The builtin and synthetic renderers always; POV-Ray and Blender (which run a peer's scene as a
     * program of their own) only inside the sandbox, or unconfined when the operator said so.
     */
    static List<Renderer> renderers(NodeConfig config, Sandbox sandbox) {
        List<Renderer> list = new ArrayList<>();
        list.add(new BuiltinRenderer());
        list.add(new SyntheticRenderer());
        SystemProcessRunner processes = new SystemProcessRunner();
        if (!sandbox.active() && !config.unsandboxedRenderers()) {
            log.warn("POV-Ray and Blender are not offered: without a bubblewrap sandbox a scene could read or change this node's "
                    + "files (install bubblewrap with scripts/install-renderers, or start with --unsandboxed-renderers to accept that)");
            return list;
        }
        if (!sandbox.active()) log.warn("POV-Ray and Blender run unconfined, as --unsandboxed-renderers asks");
        // external packages: on PATH, or where RENDERMESH_POVRAY / RENDERMESH_BLENDER point
        list.add(new PovrayRenderer(envOr("RENDERMESH_POVRAY", "povray"), processes, sandbox));
        list.add(new BlenderRenderer(envOr("RENDERMESH_BLENDER", "blender"), processes, sandbox));
        return list;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static List<String> bundledScenes() {
        return BuiltinRenderer.bundledScenes();
    }
}
