package io.rendermesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.node.render.Renderer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionPartsTest {
    private static final String NO_BWRAP = "/nonexistent/bwrap";
    @TempDir
    Path dataDir;

    private static List<String> names(List<Renderer> renderers) {
        return renderers.stream().map(Renderer::packageName).toList();
    }

    @Test
    void withoutASandboxExternalRenderersAreNotOffered() {
        assertEquals(List.of("builtin", "synthetic"), names(ProductionParts.renderers(NodeConfig.local("n", dataDir), NO_BWRAP)));
    }

    @Test
    void theOperatorMayOfferThemUnconfined() {
        NodeConfig config = NodeConfig.local("n", dataDir).withUnsandboxedRenderers(true);
        assertEquals(List.of("builtin", "synthetic", "povray", "blender"), names(ProductionParts.renderers(config, NO_BWRAP)));
    }
}
