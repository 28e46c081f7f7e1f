package io.rendermesh.node.render.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxTest {
    private static final Sandbox.Limits LIMITS = new Sandbox.Limits(3L << 30, 1L << 30, 512);

    private static Sandbox bwrap() {
        Sandbox sandbox = Sandbox.detect(new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("", null, 0, 0)), "bwrap", LIMITS);
        assertTrue(sandbox.active());
        return sandbox;
    }

    private static List<String> povray(Sandbox sandbox, Map<String, String> env) {
        return sandbox.wrap(List.of("povray", "+Iscene.pov"), List.of(Path.of("/data/jobs/j1/files")), Path.of("/data/scratch/s1/full"), env);
    }

    @Test
    void theRendererSeesTheJobReadOnlyAndOnlyItsPassFolderWritable() {
        List<String> a = povray(bwrap(), Map.of());
        assertEquals("bwrap", a.get(0));
        assertTrue(a.contains("--unshare-all") && a.contains("--die-with-parent") && a.contains("--new-session"), a.toString());
        assertEquals(1, Collections.indexOfSubList(a, List.of("--unshare-all")));
        assertTrue(Collections.indexOfSubList(a, List.of("--ro-bind", "/data/jobs/j1/files", "/data/jobs/j1/files")) > 0, a.toString());
        assertTrue(Collections.indexOfSubList(a, List.of("--bind", "/data/scratch/s1/full", "/data/scratch/s1/full")) > 0, a.toString());
        assertFalse(a.contains("/home") || a.contains("/root"), "nothing of the user's files is visible: " + a);
        assertEquals(List.of("--", "povray", "+Iscene.pov"), a.subList(a.size() - 3, a.size()));
    }

    @Test
    void theRendererRunsWithoutCapabilities() {
        List<String> a = povray(bwrap(), Map.of());
        assertTrue(Collections.indexOfSubList(a, List.of("--cap-drop", "ALL")) > 0, a.toString());
        assertFalse(a.contains("--cap-add"), a.toString());
    }

    @Test
    void theEnvironmentIsClearedAndOnlyTheAllowListIsSet() {
        List<String> a = povray(bwrap(), Map.of("HOME", "/data/scratch/s1/full", "OMP_NUM_THREADS", "2"));
        int clear = a.indexOf("--clearenv");
        assertTrue(clear > 0, a.toString());
        List<String> set = new java.util.ArrayList<>();
        for (int i = a.indexOf("--setenv"); i >= 0 && i < a.size(); i++) {
            if (a.get(i).equals("--setenv")) set.add(a.get(i + 1) + "=" + a.get(i + 2));
        }
        assertTrue(a.indexOf("--setenv") > clear, "variables are set after clearing: " + a);
        assertEquals(List.of("HOME=/data/scratch/s1/full", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "OMP_NUM_THREADS=2",
                "PATH=/usr/local/bin:/usr/bin:/bin"), set);
    }

    @Test
    void memoryFileSizeAndProcessesAreLimitedInsideTheSandbox() {
        List<String> a = povray(bwrap(), Map.of());
        int inside = a.indexOf("--");
        assertEquals(List.of(Sandbox.PRLIMIT, "--as=" + (3L << 30), "--fsize=" + (1L << 30), "--nproc=512", "--", "povray"),
                a.subList(inside + 1, inside + 7));
    }

    @Test
    void eachHostGetsAtLeastFourGigabytesOfAddressSpacePerRenderer() {
        assertEquals(4L << 30, Sandbox.Limits.forHost(8L << 30, 4).addressSpaceBytes());
        assertEquals(16L << 30, Sandbox.Limits.forHost(32L << 30, 2).addressSpaceBytes());
    }

    @Test
    void withoutBubblewrapRenderersRunAsTheyAre() {
        var missing = new FakeProcessRunner(argv -> null);
        Sandbox sandbox = Sandbox.detect(missing, "bwrap", LIMITS);
        assertFalse(sandbox.active());
        assertEquals(List.of("povray"), sandbox.wrap(List.of("povray"), List.of(Path.of("/j")), Path.of("/s"), Map.of()));
        var refused = new FakeProcessRunner(argv -> new FakeProcessRunner.Script("bwrap: No permissions to create new namespace", 1, null, 0, 0, false));
        assertFalse(Sandbox.detect(refused, "bwrap", LIMITS).active());
    }
}
