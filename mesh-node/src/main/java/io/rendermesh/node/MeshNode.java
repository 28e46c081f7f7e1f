package io.rendermesh.node;

import io.rendermesh.node.api.NodeApi;

/**
 * The composition root: builds and wires every part of a node from a {@link NodeConfig}.
 * (Stub: the real wiring lands with the jobs/scheduling work.)
 */
public abstract class MeshNode implements NodeApi, AutoCloseable {

    /** Starts a node and returns once it has joined (or formed) the mesh. */
    public static MeshNode start(NodeConfig config) throws Exception {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** host:port of this node's mesh transport. */
    public abstract String meshAddress();

    public abstract NodeConfig config();

    @Override
    public abstract void close();
}
