package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-config joining on a LAN, end to end: two hosts (network namespaces). The first node makes
 * the mesh key; the second, started with no key and no flags, finds the mesh over mDNS and waits.
 * Until a person approves it from the command line on the first host it gets nothing; then it
 * receives the key, joins, and renders frames.
 */
@Tag("netns")
class AdmissionNetnsIT {
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9a-f]{4}(-[0-9a-f]{4}){3})");
    private static final String WEB_A = "http://127.0.0.1:8080";
    @TempDir
    Path dir;
    private Netns hosts;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (hosts != null) hosts.close();
    }

    private Process node(String ns, String name, String addr) throws Exception {
        Process p = Netns.rendermesh(ns, dir.resolve(name + ".log"), "node", "--name", name, "--data-dir",
                dir.resolve(name).toString(), "--bind-addr", addr, "--mesh-port", "7800", "--web-port", "8080", "--slots", "1");
        processes.add(p);
        return p;
    }

    private String log(String name) throws Exception {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** A CLI command on host A, against node A's web API; returns its output, asserting it succeeded. */
    private String onA(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "cli", ".log");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--node", WEB_A));
        Process p = Netns.rendermesh(hosts.a, out, all.toArray(String[]::new));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rendermesh " + all + " did not finish");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), "rendermesh " + all + ": " + text);
        return text;
    }

    @Test
    void aKeylessWorkstationIsApprovedFromTheCliAndThenRendersFrames() throws Exception {
        assumeTrue(Netns.available(), "needs root and ip netns");
        hosts = Netns.create();
        node(hosts.a, "hostA", Netns.ADDR_A);
        await().atMost(Duration.ofSeconds(90)).until(() -> log("hostA").contains("rendermesh node hostA ready"));
        assertTrue(Files.exists(dir.resolve("hostA").resolve("mesh.key")), "the first node off loopback made a key");

        Process b = node(hosts.b, "hostB", Netns.ADDR_B);
        await().atMost(Duration.ofSeconds(60)).until(() -> FINGERPRINT.matcher(log("hostB")).find());
        Matcher m = FINGERPRINT.matcher(log("hostB"));
        assertTrue(m.find());
        String fingerprint = m.group(1);

        // before approval: listed as waiting, with the fingerprint its own console shows; it has nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> onA("status").contains(fingerprint));
        String status = onA("status");
        assertTrue(status.contains("Wants to join") && status.contains("hostB"), status);
        assertFalse(Files.exists(dir.resolve("hostB").resolve("mesh.key")), "no key before approval");
        assertFalse(log("hostB").contains("ready"), log("hostB"));
        assertTrue(b.isAlive(), log("hostB"));

        assertTrue(onA("approve", "hostB").contains("approved hostB"));
        await().atMost(Duration.ofSeconds(60)).until(() -> log("hostB").contains("rendermesh node hostB ready"));
        assertEquals(Files.readString(dir.resolve("hostA").resolve("mesh.key")),
                Files.readString(dir.resolve("hostB").resolve("mesh.key")), "hostB holds the mesh's key");
        await().atMost(Duration.ofSeconds(30)).until(() -> onA("status").contains("hostB") && !onA("status").contains("Wants to join"));

        String id = onA("submit", "none", "--renderer", "synthetic", "--param", "frameMillis=400", "--frames", "1-8")
                .lines().map(String::trim).filter(l -> l.matches("j[0-9a-f]{10}")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> onA("job", id).contains(": done"));
        String job = onA("job", id);
        assertTrue(job.lines().anyMatch(l -> l.contains(" done ") && l.contains("hostB")), job);
    }
}
