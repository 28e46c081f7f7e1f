package io.rendermesh.node.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.message.MeshMessage.RemoteOffer;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An offer from another site is checked as a submission would be, before anything of it is fetched or run. */
class OfferCheckTest {
    static final String JOB = "j0123456789";
    static final String SHA = "ab".repeat(32);
    private final List<NodeResources> here = List.of(node("b1", 1L << 20));
    private final JobProfile profile = JobProfileJson.parse(
            "{\"scene\":\"scene.pov\",\"renderer\":\"synthetic\",\"frames\":\"1-4\",\"width\":640,\"height\":360}");
    private static final List<NodeResources> BUILTIN_HERE = List.of(new NodeResources("b1", "x:1", "b",
            List.of(new RendererInfo("builtin", "1.0")), 4, 8192, "Linux", List.of(), 1, 0, NodeState.IDLE, 1.0, null, 4, null, 1L << 30));

    private static NodeResources node(String name, long maxPixels) {
        return new NodeResources(name, "x:1", "b", List.of(new RendererInfo("synthetic", "1.0")), 4, 8192, "Linux", List.of(), 1,
                0, NodeState.IDLE, 1.0, null, 4, null, maxPixels);
    }

    private static RemoteOffer offer(JobProfile p, List<BundleEntry> files, List<Integer> frames) {
        return new RemoteOffer("o1", "a", JOB, p, files, frames);
    }

    @Test
    void aWellFormedOfferForWhatThisSiteRendersIsTaken() {
        assertNull(OfferCheck.problem("a", offer(profile, List.of(new BundleEntry("tex/wood.png", SHA, 10)), List.of(1, 2)), here));
    }

    @Test
    void anOfferSpeakingForAnotherSiteOrWithoutAProfileIsRefused() {
        assertEquals("bad offer", OfferCheck.problem("c", offer(profile, List.of(), List.of(1)), here));
        assertEquals("no job profile", OfferCheck.problem("a", offer(null, List.of(), List.of(1)), here));
    }

    @Test
    void filesThatPointOutsideTheirBundleAreRefused() {
        for (String path : List.of("../etc/passwd", "/etc/passwd", "a/../../b")) {
            String why = OfferCheck.problem("a", offer(profile, List.of(new BundleEntry(path, SHA, 1)), List.of(1)), here);
            assertTrue(why != null && why.startsWith("bad file list"), path + ": " + why);
        }
        assertEquals("bad file list", OfferCheck.problem("a", offer(profile, List.of(new BundleEntry("x", "nothex", 1)), List.of(1)), here));
    }

    @Test
    void framesBeyondWhatAnOfferMayHoldOrNegativeAreRefused() {
        List<Integer> huge = new ArrayList<>();
        for (int i = 0; i <= OfferCheck.MAX_FRAMES_PER_OFFER; i++) huge.add(i);
        assertEquals("bad frame list", OfferCheck.problem("a", offer(profile, List.of(), huge), here));
        assertEquals("bad frame list", OfferCheck.problem("a", offer(profile, List.of(), List.of()), here));
        assertEquals("bad frame numbers", OfferCheck.problem("a", offer(profile, List.of(), List.of(-1)), here));
    }

    @Test
    void aRendererNoNodeHereHasOrAFrameNoNodeHereHoldsIsRefused() {
        JobProfile blender = JobProfileJson.parse("{\"scene\":\"s.blend\",\"renderer\":\"blender\",\"frames\":\"1\"}");
        assertEquals("no node of this site has blender", OfferCheck.problem("a", offer(blender, List.of(), List.of(1)), here));
        JobProfile big = JobProfileJson.parse("{\"scene\":\"s\",\"renderer\":\"synthetic\",\"frames\":\"1\",\"width\":4096,\"height\":4096}");
        assertTrue(OfferCheck.problem("a", offer(big, List.of(), List.of(1)), here).contains("larger than any synthetic node"));
    }

    @Test
    void theSceneFileMustBeAmongTheFiles() {
        JobProfile scene = JobProfileJson.parse("{\"scene\":\"shots/a.json\",\"renderer\":\"builtin\",\"frames\":\"1\"}");
        assertEquals("the scene file is not among the job's files", OfferCheck.problem("a", offer(scene, List.of(), List.of(1)), BUILTIN_HERE));
        assertNull(OfferCheck.problem("a", offer(scene, List.of(new BundleEntry("shots/a.json", SHA, 5)), List.of(1)), BUILTIN_HERE));
        JobProfile bundled = JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\"}");
        assertNull(OfferCheck.problem("a", offer(bundled, List.of(), List.of(1)), BUILTIN_HERE));
    }
}
