package io.rendermesh.web;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on open event streams of one node: each stream holds a thread-pool writer, an event-bus
 * subscription and a socket, so a page opened many times (or a script) must not exhaust them.
 */
final class StreamSlots {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    StreamSlots(int max) {
        this.max = max;
    }

    /** @return a slot to release when the stream closes, or null when all are taken */
    Slot tryAcquire() {
        while (true) {
            int now = open.get();
            if (now >= max) return null;
            if (open.compareAndSet(now, now + 1)) return new Slot();
        }
    }

    int max() {
        return max;
    }

    int open() {
        return open.get();
    }

    /** Released at most once, however many close paths call it. */
    final class Slot implements Runnable {
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) open.decrementAndGet();
        }
    }
}
