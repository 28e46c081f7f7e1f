package io.rendermesh.node.rpc;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Asks peers in turn for something any of them may hold (a finished frame): the next one as soon as
 * the last said it has none, or once it has been silent for a while; then both may answer and the
 * first answer wins. A peer that went quiet (restarting, behind a link that drops messages) costs a
 * second, not a whole timeout: the fault suite once saw a frame fetch wait 15 s on one such peer
 * while the user's download gave up after 10.
 */
public final class FirstAnswer<T> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FirstAnswer.class);
    /** Runs a task after a delay in milliseconds (a timer in production, a list in tests). */
    public interface Later extends BiConsumer<Long, Runnable> {
    }

    private final List<String> peers;
    private final long patienceMillis;
    private final Function<String, CompletableFuture<T>> ask;
    private final Later later;
    private final CompletableFuture<Optional<T>> result = new CompletableFuture<>();
    private int next;
    private int outstanding;

    private FirstAnswer(List<String> peers, long patienceMillis, Function<String, CompletableFuture<T>> ask, Later later) {
        this.peers = List.copyOf(peers);
        this.patienceMillis = patienceMillis;
        this.ask = ask;
        this.later = later;
    }

    /**
     * @param ask sends the request to one peer: its future holds the thing, null when the peer has
     *            none, or fails when it did not answer in time
     * @return the first thing any peer had; empty once every peer said no or did not answer
     */
    public static <T> CompletableFuture<Optional<T>> of(List<String> peers, long patienceMillis, Function<String, CompletableFuture<T>> ask,
                                                        Later later) {
        FirstAnswer<T> race = new FirstAnswer<>(peers, patienceMillis, ask, later);
        race.askNext();
        return race.result;
    }

    /** Decides under the lock, asks and completes outside it: a send may block, and what the caller chained runs on completion. */
    private void askNext() {
        String peer = null;
        boolean none = false;
        synchronized (this) {
            if (result.isDone()) return;
            if (next < peers.size()) {
                peer = peers.get(next++);
                outstanding++;
            } else {
                none = outstanding == 0;
            }
        }
        if (none) result.complete(Optional.empty());
        if (peer == null) return;
        boolean[] answered = {false};
        String asked = peer;
        later.accept(patienceMillis, () -> {
            boolean silent;
            synchronized (this) {
                silent = !answered[0] && !result.isDone();
            }
            if (!silent) return;
            // worth knowing: a peer that holds the thing should answer in milliseconds
            log.info("no answer from {} in {} ms: asking the next peer as well", asked, patienceMillis);
            askNext();
        });
        CompletableFuture<T> reply;
        try {
            reply = ask.apply(peer);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.handle((value, error) -> value).thenAccept(value -> answered(value, answered));
    }

    private void answered(T value, boolean[] answered) {
        synchronized (this) {
            answered[0] = true;
            outstanding--;
        }
        if (value != null) result.complete(Optional.of(value));
        else askNext();
    }
}
