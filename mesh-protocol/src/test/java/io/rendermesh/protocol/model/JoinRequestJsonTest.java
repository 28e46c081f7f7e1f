package io.rendermesh.protocol.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JoinRequestJsonTest {
    @Test
    void aJoinRequestShowsTheFieldsTheApiPromisesAndNoMore() throws Exception {
        JsonNode j = JobProfileJson.mapper().valueToTree(new JoinRequest("ws5", "10.0.0.5", "ab12-cd34-ef56-7890", 42L, "ws1"));
        assertEquals("ws5", j.get("name").asText());
        assertEquals("10.0.0.5", j.get("address").asText());
        assertEquals("ab12-cd34-ef56-7890", j.get("fingerprint").asText());
        assertEquals(42L, j.get("since").asLong());
        assertEquals(4, j.size(), j.toString());
    }

    @Test
    void onlyWellFormedRequestsFromPeersAreListed() {
        assertTrue(new JoinRequest("ws5", "10.0.0.5", "ab12-cd34-ef56-7890", 1, "ws1").isWellFormed());
        assertFalse(new JoinRequest("../x", "10.0.0.5", "ab12-cd34-ef56-7890", 1, "ws1").isWellFormed());
        assertFalse(new JoinRequest("ws5", "10.0.0.5\n<script>", "ab12-cd34-ef56-7890", 1, "ws1").isWellFormed());
        assertFalse(new JoinRequest("ws5", "10.0.0.5", "not-a-fingerprint", 1, "ws1").isWellFormed());
    }
}
