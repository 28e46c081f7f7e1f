package io.rendermesh.node;

/** Builds the real parts of a node (JGroups transport, file stores, MapDB journal, renderers). */
final class ProductionParts {
    private ProductionParts() {
    }

    static NodeParts create(NodeConfig config) throws Exception {
        throw new UnsupportedOperationException("wired when storage and membership land");
    }
}
