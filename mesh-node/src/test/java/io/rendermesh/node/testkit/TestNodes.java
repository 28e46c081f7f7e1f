package io.rendermesh.node.testkit;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.NodeParts;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.storage.BundleJobFiles;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.node.storage.FileFrameStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Starts real nodes on an in-memory mesh with file storage under a test's folder. */
public final class TestNodes {
    private TestNodes() {
    }

    /** Parts all in memory (blobs, frames under {@code dir}, journal) on the in-memory mesh, with the synthetic renderer. */
    public static NodeParts memoryParts(InMemoryMesh mesh, String name, Path dir, List<String> bundledScenes) {
        MemoryStores.Blobs blobs = new MemoryStores.Blobs();
        return new NodeParts(mesh.transport(name), blobs, new MemoryStores.Frames(dir.resolve(name + "-frames")),
                new MemoryStores.Journal(), ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve(name)),
                List.of(new SyntheticRenderer()), bundledScenes, Clock.systemUTC());
    }

    /**
     * A node on a JGroups SHARED_LOOPBACK mesh (real membership, messaging and merges in one JVM)
     * with in-memory stores and {@code renderers}.
     */
    public static MeshNode startSharedLoopback(String mesh, String name, Path dir, List<io.rendermesh.node.render.Renderer> renderers)
            throws Exception {
        NodeConfig config = NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh).withSlots(1);
        MemoryStores.Blobs blobs = new MemoryStores.Blobs();
        NodeParts parts = new NodeParts(new io.rendermesh.node.membership.JGroupsTransport(config, null, null), blobs,
                new MemoryStores.Frames(dir.resolve(name + "-frames")), new MemoryStores.Journal(),
                ch -> new MemoryStores.LocalJobFiles(blobs, dir.resolve(name)), renderers, List.of(), Clock.systemUTC());
        return MeshNode.start(config, parts);
    }

    public static MeshNode start(InMemoryMesh mesh, String name, Path dir, long maxUploadBytes) throws Exception {
        return start(mesh, name, dir, maxUploadBytes, NodeConfig.Desk.DEFAULT, io.rendermesh.node.desk.IdleReader.noDesktop());
    }

    /** A node with file stores (so peers fetch its blobs) whose desk renders as {@code desk} says, idle time from {@code idle}. */
    public static MeshNode start(InMemoryMesh mesh, String name, Path dir, long maxUploadBytes, NodeConfig.Desk desk,
                                 io.rendermesh.node.desk.IdleReader idle) throws Exception {
        Path data = dir.resolve(name);
        FileBlobStore blobs = new FileBlobStore(data);
        NodeParts parts = new NodeParts(mesh.transport(name), blobs, new FileFrameStore(data), new MemoryStores.Journal(),
                channel -> new BundleJobFiles(data, blobs, channel), List.of(new BuiltinRenderer(), new SyntheticRenderer()),
                BuiltinRenderer.bundledScenes(), Clock.systemUTC()).withIdle(idle);
        NodeConfig base = NodeConfig.local(name, data).withSlots(1);
        NodeConfig config = new NodeConfig(name, data, base.mesh(), base.bindAddr(), 0, List.of(), false, null, "default", List.of(), 0,
                0, "127.0.0.1", null, 1, List.of(), List.of(), false, new NodeConfig.Limits(maxUploadBytes, 0)).withDesk(desk);
        return MeshNode.start(config, parts);
    }
}
