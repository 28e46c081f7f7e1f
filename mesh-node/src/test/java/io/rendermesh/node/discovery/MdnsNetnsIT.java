package io.rendermesh.node.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two hosts on one machine: network namespaces joined by a veth pair (created here, removed
 * afterwards). A node in each, with mDNS and no seeds, must find the other and form one mesh.
 */
@Tag("netns")
class MdnsNetnsIT {
    /** Both hosts hold the same key here; admission of a keyless host is tested end to end. */
    private static final String JOIN_CODE = io.rendermesh.node.membership.MeshKey.generate().joinCode();
    private final String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String nsA = "rmA" + suffix;
    private final String nsB = "rmB" + suffix;
    private final String vethA = "rmva" + suffix;
    private final String vethB = "rmvb" + suffix;

    @BeforeEach
    void createHosts() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mDNS namespace test needs root (ip netns)");
        assumeTrue(run(List.of("ip", "netns", "list")) == 0, "ip netns is not available on this machine");
        cleanUp();
        for (List<String> cmd : List.of(
                List.of("ip", "netns", "add", nsA), List.of("ip", "netns", "add", nsB),
                List.of("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB),
                List.of("ip", "link", "set", vethA, "netns", nsA), List.of("ip", "link", "set", vethB, "netns", nsB),
                List.of("ip", "-n", nsA, "addr", "add", "169.254.77.1/24", "dev", vethA),
                List.of("ip", "-n", nsB, "addr", "add", "169.254.77.2/24", "dev", vethB),
                List.of("ip", "-n", nsA, "link", "set", vethA, "up", "multicast", "on"),
                List.of("ip", "-n", nsB, "link", "set", vethB, "up", "multicast", "on"),
                List.of("ip", "-n", nsA, "link", "set", "lo", "up"), List.of("ip", "-n", nsB, "link", "set", "lo", "up"),
                List.of("ip", "-n", nsA, "route", "add", "224.0.0.0/4", "dev", vethA),
                List.of("ip", "-n", nsB, "route", "add", "224.0.0.0/4", "dev", vethB))) {
            assertEquals(0, run(cmd), "failed: " + cmd);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        run(List.of("ip", "netns", "del", nsA));
        run(List.of("ip", "netns", "del", nsB));
    }

    @Test
    void twoNodesOnALanFindEachOtherWithNoFlags() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "netns"));
        List<Process> probes = new ArrayList<>();
        probes.add(probe(nsA, "hostA", "169.254.77.1", logs.resolve("a.log")));
        probes.add(probe(nsB, "hostB", "169.254.77.2", logs.resolve("b.log")));
        try {
            for (Process p : probes) assertTrue(p.waitFor(90, TimeUnit.SECONDS), "probe did not finish");
            String a = Files.readString(logs.resolve("a.log"), StandardCharsets.UTF_8);
            String b = Files.readString(logs.resolve("b.log"), StandardCharsets.UTF_8);
            assertTrue(a.contains("members=2"), a);
            assertTrue(b.contains("members=2"), b);
        } finally {
            probes.forEach(Process::destroyForcibly);
        }
    }

    private static Process probe(String ns, String name, String addr, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
                MdnsProbeMain.class.getName(), name, addr, "2", "60", JOIN_CODE).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
