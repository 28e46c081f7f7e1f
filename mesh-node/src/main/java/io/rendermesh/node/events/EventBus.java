package io.rendermesh.node.events;

import java.util.function.Consumer;

/** One per node. Publishing never blocks; a listener that cannot keep up loses samples, not the node. */
public interface EventBus {

    void publish(NodeEvent event);

    /** Events of one job ({@code jobId} non-null) or of all jobs (null). Close the handle to stop. */
    Subscription subscribe(String jobId, Consumer<NodeEvent> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
