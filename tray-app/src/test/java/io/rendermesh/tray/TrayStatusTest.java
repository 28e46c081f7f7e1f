package io.rendermesh.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the icon says, from the node's own API answers, and which ended jobs are told once. */
class TrayStatusTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    static final String HEALTH = "{'node':'ws1','site':'a','members':3,'renderWhen':'idle','reservedCores':'1'}";

    @Test
    void theNodesOwnEntrySaysWhatItDoes() throws Exception {
        TrayStatus s = TrayStatus.of(json(HEALTH), json("[{'name':'other','state':'paused','busySlots':0},"
                + "{'name':'ws1','state':'busy','busySlots':2}]"));
        assertEquals("rendering", s.state());
        assertEquals("RenderMesh ws1: rendering 2 frames", s.summary());
        assertEquals(3, s.meshSize());
        assertEquals("idle", s.renderWhen());
        assertEquals("1", s.reservedCores());
        assertEquals("in-use", TrayStatus.of(json(HEALTH), json("[{'name':'ws1','state':'in-use','busySlots':0}]")).state());
        assertTrue(TrayStatus.of(json(HEALTH), json("[{'name':'ws1','state':'paused','busySlots':0}]")).paused());
        assertEquals("not-connected", TrayStatus.of(json(HEALTH), json("[]")).state(), "not in its own map: not in a mesh");
    }

    @Test
    void aJobEndedOnThisWorkstationIsToldOnceAndOldOnesNever() throws Exception {
        JobWatch watch = new JobWatch("ws1");
        assertEquals(0, watch.ended(json("[{'id':'j1','name':'old','state':'done','submittedBy':'ws1','framesDone':1,'framesTotal':1}]")).size(),
                "ended before the tray started");
        String now = "[{'id':'j1','name':'old','state':'done','submittedBy':'ws1'},"
                + "{'id':'j2','name':'shot 12','state':'failed','submittedBy':'ws1','framesDone':3,'framesTotal':4},"
                + "{'id':'j3','name':'theirs','state':'done','submittedBy':'ws2'},"
                + "{'id':'j4','name':'running','state':'running','submittedBy':'ws1'}]";
        var ended = watch.ended(json(now));
        assertEquals(1, ended.size());
        assertEquals("Job shot 12 failed (3 of 4 frames)", ended.get(0).message());
        assertEquals(0, watch.ended(json(now)).size(), "told once");
    }
}
