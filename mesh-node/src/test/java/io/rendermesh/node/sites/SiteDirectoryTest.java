package io.rendermesh.node.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.message.MeshMessage.SiteSummary;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a node believes of the other sites: only what each site says of itself, fresh, and files only from bridge gateways. */
class SiteDirectoryTest {
    private final SiteDirectory directory = new SiteDirectory("a", Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC),
            Set.of("10.0.1.5"));

    private static NodeResources node(String name, String site) {
        return new NodeResources(name, "x:1", site, List.of(new RendererInfo("synthetic", "1.0")), 4, 8192, "Linux", List.of(), 1,
                0, NodeState.IDLE, 1.0, null, 4, null, 1L << 20);
    }

    private static SiteSummary summary(String site, String files, NodeResources... nodes) {
        return new SiteSummary(site, "10.0.1.5:7900", files, List.of(nodes), 0);
    }

    @Test
    void filesComeOnlyFromAHostOfTheBridgesGateways() {
        assertNull(directory.received("b", summary("b", "10.0.1.5:7901", node("b1", "b"))));
        assertEquals("10.0.1.5:7901", directory.filesEndpoint("b"));
        assertNull(directory.received("b", summary("b", "192.168.7.7:7901", node("b1", "b"))));
        assertNull(directory.filesEndpoint("b"), "a summary cannot send this node to another host of its network");
        for (String bad : List.of("no port", "10.0.1.5:22", "files.example:7901", "10.0.1.5:99999")) {
            assertEquals("bad files endpoint", directory.received("b", summary("b", bad, node("b1", "b"))), bad);
        }
    }

    @Test
    void aSiteSpeaksOnlyForItselfAndItsOwnNodes() {
        assertEquals("it speaks for site c, not its own", directory.received("b", summary("c", null, node("c1", "c"))));
        assertEquals("a node of another site in it", directory.received("b", summary("b", null, node("a1", "a"))));
        assertEquals("it claims to be this site", directory.received("a", summary("a", null)));
        assertNull(directory.received("b", summary("b", null, node("b1", "b"))));
        assertTrue(directory.isUp("b", Map.of()));
        assertFalse(directory.isUp("b", Map.of("b", false)), "the bridge reporting it down wins");
    }
}
