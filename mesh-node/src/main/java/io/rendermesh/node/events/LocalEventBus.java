package io.rendermesh.node.events;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's event bus. Listeners are called on the publishing thread and must only hand the event
 * off (e.g. into their own bounded queue); a listener that throws is logged, never propagated.
 */
public final class LocalEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);

    private record Listener(String jobId, Consumer<NodeEvent> consumer) {
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(NodeEvent event) {
        for (Listener l : listeners) {
            if (l.jobId != null && !l.jobId.equals(event.jobId())) continue;
            try {
                l.consumer.accept(event);
            } catch (RuntimeException e) {
                log.warn("event listener failed on {}: {}", event.type(), e.toString());
            }
        }
    }

    @Override
    public Subscription subscribe(String jobId, Consumer<NodeEvent> listener) {
        Listener l = new Listener(jobId, listener);
        listeners.add(l);
        return () -> listeners.remove(l);
    }
}
