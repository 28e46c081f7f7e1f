package io.rendermesh.node.testkit;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.desk.IdleReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nodes of one in-memory mesh for a test, stopped after it: {@code @RegisterExtension final InMemoryNodes mesh = new InMemoryNodes();}.
 * Their data folders are under a fresh temporary folder ({@link #dir()}).
 */
public final class InMemoryNodes implements AfterEachCallback {
    private final InMemoryMesh hub = new InMemoryMesh();
    private final List<MeshNode> nodes = new ArrayList<>();
    private Path dir;

    /** The mesh the nodes share (to split and heal it). */
    public InMemoryMesh hub() {
        return hub;
    }

    public Path dir() throws java.io.IOException {
        if (dir == null) dir = Files.createTempDirectory("mesh-test");
        return dir;
    }

    /** A node with file stores (peers fetch its blobs), its desk as given. */
    public MeshNode start(String name, NodeConfig.Desk desk, IdleReader idle) throws Exception {
        MeshNode n = TestNodes.start(hub, name, dir(), 1L << 30, desk, idle);
        nodes.add(n);
        return n;
    }

    public MeshNode start(String name) throws Exception {
        return start(name, NodeConfig.Desk.DEFAULT, IdleReader.noDesktop());
    }

    /** A node with in-memory stores and the synthetic renderer. */
    public MeshNode startInMemory(String name, NodeConfig.Desk desk, IdleReader idle, int slots) throws Exception {
        MeshNode n = MeshNode.start(NodeConfig.local(name, dir().resolve(name)).withSlots(slots).withDesk(desk),
                TestNodes.memoryParts(hub, name, dir(), List.of()).withIdle(idle));
        nodes.add(n);
        return n;
    }

    @Override
    public void afterEach(ExtensionContext context) throws java.io.IOException {
        nodes.forEach(MeshNode::close);
        nodes.clear();
        io.rendermesh.node.storage.Folders.deleteTree(dir);
        dir = null;
    }
}
