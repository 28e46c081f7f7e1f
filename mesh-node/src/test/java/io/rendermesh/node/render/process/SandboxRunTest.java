package io.rendermesh.node.render.process;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox for real: bubblewrap on this host (skipped where it is missing or not permitted). */
class SandboxRunTest {
    private static final Sandbox.Limits LIMITS = new Sandbox.Limits(3L << 30, 1L << 30, 4096);
    @TempDir
    Path scratch;

    /** What {@code script} prints inside the sandbox, started with {@code nodeEnv} as if it were the node's environment. */
    private String runInside(String script, Map<String, String> nodeEnv) throws Exception {
        SystemProcessRunner runner = new SystemProcessRunner();
        Sandbox sandbox = Sandbox.detect(runner, "bwrap", LIMITS);
        assumeTrue(sandbox.active(), "bubblewrap is missing or not permitted here");
        var p = runner.start(sandbox.wrap(List.of("/bin/sh", "-c", script), List.of(), scratch, Map.of("HOME", scratch.toString())),
                scratch, nodeEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.output()) {
            in.transferTo(out); // ends when the sandboxed shell exits
        }
        assertTrue(p.waitFor(30_000), "the sandboxed shell ended");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 0, "exit " + p.exitValue() + ": " + text);
        return text;
    }

    @Test
    void theRendererHasNoCapabilitiesEvenWhenTheNodeRunsAsRoot() throws Exception {
        String status = runInside("grep -E '^Cap(Eff|Prm|Inh|Amb):' /proc/self/status", Map.of());
        assertTrue(status.contains("CapEff:\t0000000000000000") && status.contains("CapPrm:\t0000000000000000"), status);
    }

    @Test
    void theRendererDoesNotSeeTheNodesEnvironment() throws Exception {
        String env = runInside("env", Map.of("RENDERMESH_PLANTED_SECRET", "s3cret"));
        assertTrue(!env.contains("s3cret") && env.contains("HOME=" + scratch) && env.contains("LANG=C.UTF-8"), env);
    }

    @Test
    void theLimitsHoldInsideTheSandbox() throws Exception {
        String limits = runInside("cat /proc/self/limits", Map.of());
        assertTrue(limits.matches("(?s).*Max file size\\s+" + (1L << 30) + "\\s+" + (1L << 30) + " .*"), limits);
        assertTrue(limits.matches("(?s).*Max address space\\s+" + (3L << 30) + "\\s+" + (3L << 30) + " .*"), limits);
        assertTrue(limits.matches("(?s).*Max processes\\s+4096\\s+4096 .*"), limits);
    }

    @Test
    void theRendererCanWriteOnlyItsOwnFolder() throws Exception {
        String out = runInside("touch ./mine && echo wrote-mine; touch /usr/evil 2>/dev/null || echo refused-usr; "
                + "ls /root 2>/dev/null || echo no-root", Map.of());
        assertTrue(out.contains("wrote-mine") && out.contains("refused-usr") && out.contains("no-root"), out);
    }
}
