package io.rendermesh.protocol.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobProfileJsonTest {
    private static final String FULL = """
            {"name":"shot010","scene":"scene.pov","renderer":{"package":"povray","minVersion":"3.7"},"frames":"1-48",
             "width":640,"height":360,"samples":64,"priority":50,"requirements":{"minCores":1,"minMemoryMb":512,"tags":["gpu"]},
             "timeoutPerFrameSec":600,"maxAttempts":3,"allowRemote":false,"params":{"frameMillis":200}}""";

    private static String messageOf(String json) {
        return assertThrows(InvalidInputException.class, () -> JobProfileJson.parse(json)).getMessage();
    }

    @Test
    void readsTheDocumentedProfile() {
        JobProfile p = JobProfileJson.parse(FULL);
        assertEquals("povray", p.renderer().packageName());
        assertEquals("3.7", p.renderer().minVersion());
        assertEquals(48, p.frameList().size());
        assertEquals(512, p.requirements().minMemoryMb());
        assertEquals("200", p.params().get("frameMillis"));
        assertEquals(200, p.param("frameMillis", 0));
    }

    @Test
    void fillsDefaultsForOmittedFields() {
        JobProfile p = JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1-2\"}");
        assertEquals(320, p.width());
        assertEquals(180, p.height());
        assertEquals(32, p.samples());
        assertEquals(50, p.priority());
        assertEquals(3, p.maxAttempts());
        assertEquals(600, p.timeoutPerFrameSec());
        assertFalse(p.allowRemote());
        assertEquals("job", p.name());
    }

    @Test
    void fillsDefaultsInsidePartialRequirements() {
        JobProfile p = JobProfileJson.parse("{\"scene\":\"x\",\"renderer\":\"synthetic\",\"frames\":\"1\",\"requirements\":{\"tags\":[\"a\"]}}");
        assertEquals(0, p.requirements().minCores());
        assertEquals(1, p.requirements().tags().size());
    }

    @Test
    void roundTripsThroughJson() {
        JobProfile p = JobProfileJson.parse(FULL);
        assertEquals(p, JobProfileJson.parse(JobProfileJson.toJson(p)));
        assertTrue(JobProfileJson.toJson(p).contains("\"package\":\"povray\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json|not valid JSON",
            "[1,2]|must be a JSON object",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"widht\":3}|unknown field 'widht'",
            "{\"scene\":\"x\",\"renderer\":{\"package\":\"builtin\",\"pakage\":1},\"frames\":\"1\"}|unknown field 'renderer.pakage'",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"requirements\":{\"tagz\":[]}}|unknown field 'requirements.tagz'",
            "{\"scene\":\"x\",\"renderer\":\"maya\",\"frames\":\"1\"}|unknown renderer 'maya'",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":0}|width must be between 1 and 16384",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"height\":16385}|height must be between 1 and 16384",
            "{\"scene\":\"x\",\"renderer\":\"builtin\"}|frames is required",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"-3\"}|bad frame range",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"9-1\"}|reversed",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":\"wide\"}|field 'width' has the wrong type",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"priority\":101}|priority must be between 0 and 100",
            "{\"renderer\":\"builtin\",\"frames\":\"1\"}|scene is required",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"split\":\"sometimes\"}|split must be auto, always or never",
            "{\"scene\":\"x\",\"renderer\":\"builtin\",\"frames\":\"1\",\"split\":3}|split must be auto, always or never, got '3'",
            "{\"scene\":\"x\",\"frames\":\"1\"}|renderer is required"})
    void rejectsBadProfilesNamingTheProblem(String json, String expected) {
        String msg = messageOf(json);
        assertTrue(msg.contains(expected), "message '" + msg + "' should contain '" + expected + "'");
    }
}
