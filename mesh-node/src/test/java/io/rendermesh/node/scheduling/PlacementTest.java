package io.rendermesh.node.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementTest {
    static NodeResources node(String name, int cores, long mem, List<String> tags, RendererInfo... renderers) {
        return new NodeResources(name, "", "default", List.of(renderers), cores, mem, "Linux", tags, 2, 0, NodeState.IDLE, 1, null, 1, null,
                Long.MAX_VALUE);
    }

    static JobProfile profile(String extra) {
        return JobProfileJson.parse("{\"scene\":\"s.pov\",\"renderer\":{\"package\":\"povray\",\"minVersion\":\"3.7\"},\"frames\":\"1-4\"" + extra + "}");
    }

    private static final NodeResources POVRAY_38 = node("a", 8, 16000, List.of("gpu"), new RendererInfo("povray", "3.8.0"));

    @Test
    void comparesVersionsNumerically() {
        assertTrue(Capability.versionAtLeast("3.10", "3.7"));
        assertTrue(Capability.versionAtLeast("3.7.0.10", "3.7"));
        assertTrue(Capability.versionAtLeast("3.7", "3.7.0"));
        assertFalse(Capability.versionAtLeast("3.6.9", "3.7"));
        assertFalse(Capability.versionAtLeast(null, "1"));
    }

    @Test
    void matchesRendererVersionCoresMemoryAndTags() {
        assertNull(Capability.mismatch(profile(",\"requirements\":{\"minCores\":8,\"minMemoryMb\":16000,\"tags\":[\"gpu\"]}"), POVRAY_38));
        assertTrue(Capability.mismatch(profile(""), node("b", 8, 1, List.of(), new RendererInfo("blender", "3.4"))).contains("no povray"));
        assertTrue(Capability.mismatch(profile(""), node("b", 8, 1, List.of(), new RendererInfo("povray", "3.6"))).contains("3.7 or newer"));
        assertTrue(Capability.mismatch(profile(",\"requirements\":{\"minCores\":16}"), POVRAY_38).contains("cores"));
        assertTrue(Capability.mismatch(profile(",\"requirements\":{\"minMemoryMb\":32000}"), POVRAY_38).contains("memory"));
        assertTrue(Capability.mismatch(profile(",\"requirements\":{\"tags\":[\"render\"]}"), POVRAY_38).contains("lacks tag 'render'"));
    }

    static JobLoad load(String id, int priority, long created, int pending, int inFlight, Set<String> blocked) {
        return new JobLoad(id, profile(""), JobState.RUNNING, priority, created, pending, inFlight, blocked);
    }

    @Test
    void asksTheHigherPriorityJobFirst() {
        assertEquals(List.of("high", "low"), Placement.jobsToAsk(List.of(load("low", 10, 1, 5, 0, Set.of()),
                load("high", 90, 2, 5, 0, Set.of())), POVRAY_38));
    }

    @Test
    void sharesFairlyBetweenJobsOfEqualPriority() {
        assertEquals(List.of("idle", "busy"), Placement.jobsToAsk(List.of(load("busy", 50, 1, 5, 3, Set.of()),
                load("idle", 50, 2, 5, 0, Set.of())), POVRAY_38));
    }

    @Test
    void prefersTheOlderJobWhenAllElseIsEqual() {
        assertEquals(List.of("old", "new"), Placement.jobsToAsk(List.of(load("new", 50, 9, 5, 0, Set.of()),
                load("old", 50, 1, 5, 0, Set.of())), POVRAY_38));
    }

    @Test
    void skipsJobsWithNothingPendingBlockedPausedOrIncapable() {
        JobLoad paused = new JobLoad("paused", profile(""), JobState.PAUSED, 50, 1, 5, 0, Set.of());
        JobLoad tagged = new JobLoad("tagged", profile(",\"requirements\":{\"tags\":[\"x\"]}"), JobState.RUNNING, 50, 1, 5, 0, Set.of());
        assertEquals(List.of(), Placement.jobsToAsk(List.of(load("empty", 50, 1, 0, 2, Set.of()),
                load("blocked", 50, 1, 3, 0, Set.of("a")), paused, tagged), POVRAY_38));
    }

    @Test
    void choosesTheLowestPendingFrame() {
        List<FrameRecord> frames = List.of(new FrameRecord(1, FrameState.DONE, "a", null, 1, 1, 1, false, null, 0),
                new FrameRecord(2, FrameState.RENDERING, "a", null, 1, 0, 1, false, null, 0),
                FrameRecord.pending(3, 1), FrameRecord.pending(4, 1));
        assertEquals(3, Placement.chooseFrame(frames));
        assertEquals(4, Placement.chooseFrame(frames, 3));
        assertEquals(-1, Placement.chooseFrame(frames.subList(0, 2)));
        assertEquals(3, Placement.chooseFrame(frames, 0, 2));
    }

    @Test
    void aCoordinatorThatTookAJobOverWorksFromTheEndSoThatTwoSidesOfAPartitionMeetLate() {
        List<FrameRecord> frames = List.of(FrameRecord.pending(1, 1), FrameRecord.pending(2, 1),
                new FrameRecord(3, FrameState.RENDERING, "a", null, 1, 0, 1, false, null, 0));
        assertEquals(2, Placement.chooseFrame(frames, 0, 1));
        assertEquals(1, Placement.chooseFrame(frames, 0, 2));
        assertEquals(-1, Placement.chooseFrame(frames.subList(2, 3), 0, 3));
    }

    @Test
    void explainsWhyNoNodeCanRenderAJob() {
        String reason = Placement.pendingReason(profile(",\"requirements\":{\"tags\":[\"render\"]}"),
                List.of(POVRAY_38, node("b", 2, 100, List.of(), new RendererInfo("builtin", "1.0"))), Set.of());
        assertTrue(reason.contains("a lacks tag 'render'") && reason.contains("b has no povray renderer"), reason);
        assertNull(Placement.pendingReason(profile(""), List.of(POVRAY_38), Set.of()));
        assertTrue(Placement.pendingReason(profile(""), List.of(POVRAY_38), Set.of("a")).contains("blocked"));
    }

    @Test
    void refusesRequestersTheJobCannotUse() {
        assertTrue(Placement.refusal(profile(""), JobState.PAUSED, Set.of(), POVRAY_38).contains("paused"));
        assertTrue(Placement.refusal(profile(""), JobState.RUNNING, Set.of("a"), POVRAY_38).contains("blocked"));
        assertNull(Placement.refusal(profile(""), JobState.RUNNING, Set.of(), POVRAY_38));
    }
}
