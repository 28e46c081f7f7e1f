package io.rendermesh.node.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    @Test
    void framesAndCallbacksShowInTheTextFormatAndACallbackMayBeRegisteredAgain() throws Exception {
        NodeMetrics m = new NodeMetrics();
        m.frameDone("builtin", 0.4);
        m.frameFailed("povray");
        m.gauge("rendermesh_event_streams", "streams", () -> 1);
        m.gauge("rendermesh_event_streams", "streams", () -> 3); // a second web server for the same node
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        String text = out.toString();
        assertTrue(text.contains("rendermesh_frames_done_total{renderer=\"builtin\"} 1.0"), text);
        assertTrue(text.contains("rendermesh_frames_failed_total{renderer=\"povray\"} 1.0"), text);
        assertTrue(text.contains("rendermesh_event_streams 3.0"), text);
    }
}
