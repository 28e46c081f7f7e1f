package io.rendermesh.node.render.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTest {
    @Test
    void theRendererSeesTheJobReadOnlyAndOnlyItsScratchFolderWritable() {
        var runner = new FakeProcessRunner(argv -> FakeProcessRunner.Script.ok("", null, 0, 0));
        Sandbox sandbox = Sandbox.detect(runner, "bwrap");
        assertTrue(sandbox.active());
        List<String> a = sandbox.wrap(List.of("povray", "+Iscene.pov"), List.of(Path.of("/data/jobs/j1/files")), Path.of("/data/scratch/s1"));
        assertEquals("bwrap", a.get(0));
        assertTrue(a.contains("--unshare-all") && a.contains("--die-with-parent"), a.toString());
        assertEquals(1, Collections.indexOfSubList(a, List.of("--unshare-all")));
        assertTrue(Collections.indexOfSubList(a, List.of("--ro-bind", "/data/jobs/j1/files", "/data/jobs/j1/files")) > 0, a.toString());
        assertTrue(Collections.indexOfSubList(a, List.of("--bind", "/data/scratch/s1", "/data/scratch/s1")) > 0, a.toString());
        assertFalse(a.contains("/home") || a.contains("/root"), "nothing of the user's files is visible: " + a);
        assertEquals(List.of("--", "povray", "+Iscene.pov"), a.subList(a.size() - 3, a.size()));
    }

    @Test
    void withoutBubblewrapRenderersRunAsTheyAre() {
        var missing = new FakeProcessRunner(argv -> null);
        Sandbox sandbox = Sandbox.detect(missing, "bwrap");
        assertFalse(sandbox.active());
        assertEquals(List.of("povray"), sandbox.wrap(List.of("povray"), List.of(Path.of("/j")), Path.of("/s")));
        var refused = new FakeProcessRunner(argv -> new FakeProcessRunner.Script("bwrap: No permissions to create new namespace", 1, null, 0, 0, false));
        assertFalse(Sandbox.detect(refused, "bwrap").active());
    }
}
