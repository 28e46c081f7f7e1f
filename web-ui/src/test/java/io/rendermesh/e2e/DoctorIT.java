package io.rendermesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.cli.NodeLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** `rendermesh doctor` next to a running node: its port is taken (a failure with the fix), its clock is compared with the node's. */
@Tag("e2e")
class DoctorIT {
    @Test
    void theDoctorFindsTheTakenPortAndComparesClocks() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "doctor-" + System.nanoTime())).toAbsolutePath();
        int port = NodeLauncher.freeMeshPort(List.of());
        try (NodeProcess n = NodeProcess.start("doc1", dir.resolve("doc1"), port, List.of(port))) {
            n.webUrl();
            Cli.Result r = Cli.run(60, "doctor", "--local", "--data-dir", dir.resolve("doc1").toString(), "--mesh-port",
                    Integer.toString(port), "--web-port", "0");
            assertEquals(1, r.exitCode(), r.output());
            assertTrue(r.output().contains("FAIL mesh port"), r.output());
            assertTrue(r.output().contains("fix: stop what uses it, or choose another with --mesh-port N"), r.output());
            assertTrue(r.output().contains("ok   clock doc1       within"), r.output());
            assertTrue(r.output().contains("ok   renderer builtin version"), r.output());
        }
    }
}
