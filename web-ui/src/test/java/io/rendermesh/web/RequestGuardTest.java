package io.rendermesh.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGuardTest {
    private final RequestGuard guard = new RequestGuard(HostNames.of("192.168.1.5", List.of("render.lan,farm")), 8080);

    private static RequestGuard.Request post(String host, String origin, String type) {
        return new RequestGuard.Request("POST", "/api/v1/jobs", "http", host, origin, null, type, true);
    }

    private Integer status(RequestGuard.Request r) {
        RequestGuard.Refusal refusal = guard.check(r);
        return refusal == null ? null : refusal.status();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "127.4.5.6:8080", "192.168.1.5:8080",
            "render.lan:8080", "FARM:8080", "localhost", "[::1]"})
    void theNodesOwnNamesAreAnsweredWithOrWithoutItsPort(String host) {
        assertNull(guard.check(new RequestGuard.Request("GET", "/", "http", host, null, null, null, false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:8080", "evil.example", "localhost:8081", "127.0.0.1:80", "127.0.0.256:8080",
            "localhost.evil.example:8080", "[::2]:8080", "192.168.1.6:8080", "localhost:8080x", ""})
    void aForeignHostIs421EvenForThePage(String host) {
        assertEquals(421, status(new RequestGuard.Request("GET", "/", "http", host, null, null, null, false)));
    }

    @Test
    void aRequestWithoutHostOriginOrFetchMetadataIsTheCliAndPasses() {
        assertNull(guard.check(post(null, null, "application/json")));
        assertNull(guard.check(post("127.0.0.1:8080", null, "application/json; charset=utf-8")));
    }

    @Test
    void theNodesOwnOriginMayChangeState() {
        assertNull(guard.check(post("localhost:8080", "http://localhost:8080", "multipart/form-data; boundary=xyz")));
        assertNull(guard.check(post("render.lan:8080", "http://render.lan:8080", "application/json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://localhost:8081", "https://localhost:8080", "null",
            "http://127.0.0.1:8080", "http://localhost:8080.evil.example"})
    void anyOtherOriginIs403(String origin) {
        assertEquals(403, status(post("localhost:8080", origin, "application/json")));
    }

    @Test
    void aCrossSiteFetchIs403EvenWithoutOrigin() {
        assertEquals(403, status(new RequestGuard.Request("POST", "/api/v1/jobs/x/control", "http", "localhost:8080", null,
                "cross-site", "application/json", true)));
        assertNull(guard.check(new RequestGuard.Request("POST", "/api/v1/jobs/x/control", "http", "localhost:8080",
                "http://localhost:8080", "same-origin", "application/json", true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
            "application/jsonx", "application/json-patch+json"})
    void typesAFormCouldSendOrMultipartWithoutBoundaryAre415(String type) {
        assertEquals(415, status(post("localhost:8080", null, type)));
    }

    @Test
    void aStateChangeWithoutContentTypeIs415ButABodilessDeleteIsNot() {
        assertEquals(415, status(post("localhost:8080", null, null)));
        assertNull(guard.check(new RequestGuard.Request("DELETE", "/api/v1/jobs/x", "http", "localhost:8080", null, null, null, false)));
        assertEquals(415, status(new RequestGuard.Request("DELETE", "/api/v1/jobs/x", "http", "localhost:8080", null, null, "text/plain", true)));
    }

    @Test
    void readsAreNotOriginCheckedOnlyHostChecked() {
        assertNull(guard.check(new RequestGuard.Request("GET", "/api/v1/jobs", "http", "localhost:8080", "http://evil.example",
                "cross-site", null, false)));
    }
}
