package io.rendermesh.node.splitting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitPlanTest {
    private static JobProfile profile(String renderer, String frames, String split) {
        return JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"" + renderer + "\",\"frames\":\"" + frames
                + "\",\"width\":64,\"height\":360,\"samples\":64" + (split == null ? "" : ",\"split\":\"" + split + "\"") + "}");
    }

    @Test
    void aFrameSplitsWhenTheMeshHasMoreFreeSlotsThanTheJobHasFramesWaiting() {
        JobProfile one = profile("builtin", "1", null);
        assertEquals(3, SplitPlan.partCount(one, 64, 1, 3));
        assertEquals(1, SplitPlan.partCount(one, 64, 1, 1), "one free slot: nothing to gain");
        assertEquals(1, SplitPlan.partCount(profile("builtin", "1-24", null), 64, 24, 3), "more frames than slots: whole frames");
        assertEquals(2, SplitPlan.partCount(profile("builtin", "1-2", null), 64, 2, 5), "5 slots over 2 frames: 2 parts each");
    }

    @Test
    void theProfileDecidesAndPartsStayWorthTheirStartUp() {
        assertEquals(1, SplitPlan.partCount(profile("builtin", "1", "never"), 64, 1, 8));
        assertEquals(2, SplitPlan.partCount(profile("builtin", "1-24", "always"), 64, 24, 1), "always: at least two parts");
        assertEquals(2, SplitPlan.partCount(profile("builtin", "1", null), 8, 1, 8), "8 samples: parts of at least 4 passes");
        assertEquals(SplitPlan.MAX_PARTS, SplitPlan.partCount(profile("builtin", "1", null), 1000, 1, 64));
        assertEquals(1, SplitPlan.partCount(profile("synthetic", "1", null), 64, 1, 8), "the synthetic renderer renders whole frames");
    }

    @Test
    void partsCoverEveryPassOrEveryRowExactlyOnce() {
        List<FramePart> bySamples = SplitPlan.parts(SplitPlan.Way.SAMPLES, 3, 64, 360);
        assertEquals(List.of(0, 21, 42), bySamples.stream().map(FramePart::fromPass).toList());
        assertEquals(List.of(21, 42, 64), bySamples.stream().map(FramePart::toPass).toList());
        bySamples.forEach(p -> assertEquals(360, p.rowTo() - p.rowFrom()));
        List<FramePart> byRegions = SplitPlan.parts(SplitPlan.Way.REGIONS, 4, 64, 360);
        assertEquals(List.of(0, 90, 180, 270), byRegions.stream().map(FramePart::rowFrom).toList());
        assertEquals(360, byRegions.get(3).rowTo());
        byRegions.forEach(p -> assertEquals(64, p.passes()));
    }
}
