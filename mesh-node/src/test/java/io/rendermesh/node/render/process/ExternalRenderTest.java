package io.rendermesh.node.render.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.RenderException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalRenderTest {
    @TempDir
    Path dir;

    @Test
    void carriageReturnsAndNewlinesBothEndLines() {
        List<String> lines = new ArrayList<>();
        ExternalRender.pump(new ByteArrayInputStream("a\rb\r\nc\n\nd".getBytes(StandardCharsets.UTF_8)), lines::add);
        assertEquals(List.of("a", "b", "c", "d"), lines);
    }

    @Test
    void cancelKillsTheProcessTree() {
        FakeProcessRunner runner = new FakeProcessRunner(argv -> new FakeProcessRunner.Script("", 0, null, 0, 0, true));
        FakeControl control = new FakeControl();
        control.cancel = true;
        assertThrows(InterruptedException.class, () -> new ExternalRender(runner).run(List.of("r"), dir, Map.of(), l -> { }, control, () -> false));
        assertEquals(1, runner.killed);
    }

    @Test
    void acceptStopsTheRunOnlyWhenAsked() throws Exception {
        FakeProcessRunner runner = new FakeProcessRunner(argv -> new FakeProcessRunner.Script("", 0, null, 0, 0, true));
        FakeControl control = new FakeControl();
        control.accept = true;
        ExternalRender.Result r = new ExternalRender(runner).run(List.of("r"), dir, Map.of(), l -> { }, control, control::acceptRequested);
        assertTrue(r.stoppedForAccept());
        assertEquals(1, runner.killed);
    }

    @Test
    void aRendererThatCannotStartIsARenderError() {
        FakeProcessRunner runner = new FakeProcessRunner(argv -> null);
        RenderException e = assertThrows(RenderException.class,
                () -> new ExternalRender(runner).run(List.of("povray"), dir, Map.of(), l -> { }, new FakeControl(), () -> false));
        assertTrue(e.getMessage().contains("cannot start povray"), e.getMessage());
    }

    @Test
    void theTailKeepsTheLastLines() {
        OutputTail tail = new OutputTail(2);
        tail.add("one");
        tail.add("  ");
        tail.add("two");
        tail.add("three");
        assertEquals("two\nthree", tail.text());
    }
}
