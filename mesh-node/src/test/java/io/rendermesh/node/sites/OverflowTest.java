package io.rendermesh.node.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.model.SiteInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverflowTest {
    private static JobProfile job(boolean allowRemote) {
        return JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-60\",\"allowRemote\":" + allowRemote + "}");
    }

    private static NodeResources node(String name, String site, int slots, int busy) {
        return new NodeResources(name, "x:1", site, List.of(new RendererInfo("synthetic", "1.0")), 4, 8192, "Linux", List.of(), slots,
                busy, busy > 0 ? NodeState.BUSY : NodeState.IDLE, 1.0, null, 3, null, 1L << 30);
    }

    /** A site of two slots, {@code free} of them free. */
    private static SiteInfo site(String name, String state, int free) {
        return SiteInfo.of(name, "up".equals(state), "gw:1", List.of(node(name + "1", name, 2, 2 - free)));
    }

    private final List<NodeResources> busyHere = List.of(node("a1", "a", 1, 1));

    @Test
    void framesStayHomeUnlessTheJobAllowsIt() {
        assertEquals(Map.of(), Overflow.plan(job(false), 60, busyHere, List.of(site("b", "up", 2)), "a", Map.of()));
    }

    @Test
    void framesStayHomeWhileAHomeSlotIsFree() {
        assertEquals(Map.of(), Overflow.plan(job(true), 60, List.of(node("a1", "a", 2, 1)), List.of(site("b", "up", 2)), "a", Map.of()));
    }

    @Test
    void aFullSiteOffersAFewFramesPerFreeSlotToSitesThatAreUp() {
        assertEquals(Map.of("b", 8), Overflow.plan(job(true), 60, busyHere,
                List.of(site("b", "up", 2), site("c", "down", 2)), "a", Map.of()));
    }

    @Test
    void framesAlreadyAtASiteCountAgainstItButItsSlotsBusyWithThemStillCountForUs() {
        assertEquals(Map.of("b", 3), Overflow.plan(job(true), 60, busyHere, List.of(site("b", "up", 2)), "a",
                Map.of("b", new Overflow.AtSite(5, 0))));
        assertEquals(Map.of(), Overflow.plan(job(true), 60, busyHere, List.of(site("b", "up", 2)), "a",
                Map.of("b", new Overflow.AtSite(8, 0))));
        // site b reports no free slot, but both render our frames: keep them fed
        assertEquals(Map.of("b", 4), Overflow.plan(job(true), 60, busyHere, List.of(site("b", "up", 0)), "a",
                Map.of("b", new Overflow.AtSite(4, 2))));
    }

    @Test
    void neverMoreThanIsPending() {
        assertEquals(Map.of("b", 3), Overflow.plan(job(true), 3, busyHere, List.of(site("b", "up", 2)), "a", Map.of()));
    }
}
