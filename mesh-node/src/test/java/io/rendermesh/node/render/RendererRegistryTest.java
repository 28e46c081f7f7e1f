package io.rendermesh.node.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.node.render.povray.PovrayRenderer;
import io.rendermesh.node.render.process.FakeProcessRunner;
import io.rendermesh.node.render.process.Sandbox;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RendererRegistryTest {
    @Test
    void aRendererOutsideAnySandboxIsAdvertisedAsUnconfined() {
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("POV-Ray 3.7.0.10\n", null, 0, 0));
        RendererRegistry registry = new RendererRegistry(List.of(new BuiltinRenderer(),
                new PovrayRenderer("povray", runner, Sandbox.none())), List.of());
        Map<String, Boolean> unconfined = registry.installed().stream()
                .collect(Collectors.toMap(RendererInfo::packageName, RendererInfo::unconfined));
        assertEquals(Map.of("builtin", false, "povray", true), unconfined);
    }
}
