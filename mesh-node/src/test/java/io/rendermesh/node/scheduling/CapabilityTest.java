package io.rendermesh.node.scheduling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTest {
    private static NodeResources builtinNode(long maxFramePixels) {
        return new NodeResources("n", "", "default", List.of(new RendererInfo("builtin", "1.0")), 4, 8000, "Linux", List.of(), 2, 0,
                NodeState.IDLE, 1, null, 3, null, maxFramePixels);
    }

    private static JobProfile frame(int width, int height) {
        return JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":" + width
                + ",\"height\":" + height + "}");
    }

    @Test
    void aNodeThatCannotHoldTheFrameIsNotChosen() {
        NodeResources small = builtinNode(1920L * 1080);
        String why = Capability.mismatch(frame(3840, 2160), small);
        assertTrue(why != null && why.contains(String.valueOf(1920L * 1080)), String.valueOf(why));
        assertFalse(Capability.canRender(frame(3840, 2160), small));
    }

    @Test
    void aFrameExactlyAsLargeAsTheNodeCanHoldFits() {
        assertNull(Capability.mismatch(frame(1920, 1080), builtinNode(1920L * 1080)));
    }
}
