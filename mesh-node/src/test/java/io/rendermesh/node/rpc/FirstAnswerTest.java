package io.rendermesh.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Asking peers in turn, with a timer that runs only when the test says so. */
class FirstAnswerTest {
    private final List<Runnable> timers = new ArrayList<>();
    private final Map<String, CompletableFuture<String>> asked = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    private CompletableFuture<Optional<String>> ask(String... peers) {
        return FirstAnswer.of(List.of(peers), 1_000, peer -> {
            order.add(peer);
            return asked.computeIfAbsent(peer, p -> new CompletableFuture<>());
        }, (millis, task) -> timers.add(task));
    }

    private void fireTimers() {
        List<Runnable> due = new ArrayList<>(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void aPeerThatHasNoneSendsTheQuestionOnAtOnce() {
        var result = ask("a", "b", "c");
        asked.get("a").complete(null);
        assertEquals(List.of("a", "b"), order);
        asked.get("b").complete("png");
        assertEquals(Optional.of("png"), result.join());
        assertEquals(List.of("a", "b"), order, "c is not asked once b answered");
    }

    @Test
    void aSilentPeerCostsItsPatienceNotItsTimeout() {
        var result = ask("quiet", "b");
        assertEquals(List.of("quiet"), order);
        fireTimers();
        assertEquals(List.of("quiet", "b"), order, "after its patience, the next peer is asked as well");
        asked.get("b").complete("png");
        assertEquals(Optional.of("png"), result.join());
        asked.get("quiet").complete("late");
        assertEquals(Optional.of("png"), result.join(), "the first answer wins");
    }

    @Test
    void itIsEmptyOnceEveryPeerSaidNoOrTimedOut() {
        var result = ask("a", "b");
        asked.get("a").completeExceptionally(new java.util.concurrent.TimeoutException());
        assertFalse(result.isDone());
        asked.get("b").complete(null);
        assertEquals(Optional.empty(), result.join());
        fireTimers();
        assertEquals(List.of("a", "b"), order, "a timer after the end asks nobody");
        assertTrue(FirstAnswer.<String>of(List.of(), 1_000, p -> null, (m, t) -> { }).join().isEmpty(), "no peers, nothing");
    }
}
