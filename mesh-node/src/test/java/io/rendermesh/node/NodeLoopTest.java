package io.rendermesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeLoopTest {
    @Test
    void anExceptionInsidePeriodicWorkDoesNotStopTheNextRuns() {
        AtomicInteger runs = new AtomicInteger();
        Runnable tick = NodeLoop.guarded("n", "the tick", () -> {
            if (runs.incrementAndGet() % 2 == 1) throw new IllegalStateException("boom");
        });
        for (int i = 0; i < 5; i++) tick.run();
        assertEquals(5, runs.get());
    }

    @Test
    void anOutOfMemoryInsidePeriodicWorkIsSurvivedToo() {
        AtomicInteger runs = new AtomicInteger();
        Runnable tick = NodeLoop.guarded("n", "the flush", () -> {
            runs.incrementAndGet();
            throw new OutOfMemoryError("test");
        });
        tick.run();
        tick.run();
        assertEquals(2, runs.get());
    }

    @Test
    void aScheduledTickThatThrowsKeepsBeingScheduled() {
        var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            new NodeLoop("n", executor).every(5, "the tick", () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        } finally {
            executor.shutdownNow();
        }
    }
}
