package io.rendermesh.node;

import io.rendermesh.node.discovery.MdnsDiscovery;
import io.rendermesh.node.membership.JGroupsTransport;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.membership.MeshKeyResolver;
import io.rendermesh.node.render.Renderer;
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

/** Builds the real parts of a node: JGroups transport (with mDNS), file stores, MapDB journal, renderers. */
final class ProductionParts {

    private ProductionParts() {
    }

    static NodeParts create(NodeConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        FileBlobStore blobs = new FileBlobStore(config.dataDir());
        blobs.setLimitBytes(config.limits().blobCacheBytes());
        MdnsDiscovery mdns = config.mdns() && !config.sharedLoopback() ? new MdnsDiscovery(config.mesh(), config.name()) : null;
        java.net.InetAddress bind = JGroupsTransport.bindAddress(config);
        MeshKey key = MeshKeyResolver.resolve(config, bind, null);
        JGroupsTransport transport = new JGroupsTransport(config, key, mdns);
        byte[] blobKey = key == null ? new byte[0] : key.blobKey(config.mesh());
        // in-JVM test meshes have no network to stream over; they fetch job files as chunks
        BlobStream stream = config.sharedLoopback() ? null : new BlobStream(blobs, bind, blobKey);
        return new NodeParts(transport, blobs, new FileFrameStore(config.dataDir()),
                new MapDbJobJournal(config.dataDir()), channel -> new BundleJobFiles(config.dataDir(), blobs, channel, stream, blobKey),
                renderers(), bundledScenes(), Clock.systemUTC());
    }

    static List<Renderer> renderers() {
        List<Renderer> list = new ArrayList<>();
        list.add(new BuiltinRenderer());
        list.add(new SyntheticRenderer());
        // external packages: on PATH, or where RENDERMESH_POVRAY / RENDERMESH_BLENDER point
        SystemProcessRunner processes = new SystemProcessRunner();
        Sandbox sandbox = Sandbox.detect(processes, envOr("RENDERMESH_BWRAP", "bwrap"));
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
