package io.rendermesh.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.events.EventBus;
import io.rendermesh.node.events.NodeEvent;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Forwards one job's events to one SSE client. The node's event bus only enqueues here; writing
 * happens on the web pool. A client that falls behind has its samples coalesced (only the newest
 * per frame is kept) and is dropped if even its other events pile up.
 */
final class EventStream {
    static final int MAX_QUEUED = 1_000;
    private final SseClient client;
    private final ObjectMapper json;
    private final ExecutorService writers;
    private final ArrayDeque<NodeEvent> queue = new ArrayDeque<>();
    private boolean draining;
    private EventBus.Subscription subscription;
    private ScheduledFuture<?> renewal;
    private Runnable onStop = () -> { };

    EventStream(SseClient client, ObjectMapper json, ExecutorService writers) {
        this.client = client;
        this.json = json;
        this.writers = writers;
    }

    /** @param onStop runs once the stream ends, however it ends (frees its slot); may be null */
    void start(NodeApi node, String jobId, ScheduledExecutorService timer, Runnable onStop) {
        if (onStop != null) this.onStop = onStop;
        client.keepAlive();
        subscription = node.events().subscribe(jobId, this::offer);
        node.watch(jobId);
        renewal = timer.scheduleAtFixedRate(() -> {
            node.watch(jobId);
            offer(null);
        }, 15, 15, TimeUnit.SECONDS);
        client.onClose(this::stop);
    }

    private void stop() {
        if (subscription != null) subscription.close();
        if (renewal != null) renewal.cancel(false);
        onStop.run();
    }

    /** Called on the publisher's thread: never blocks. A null event is a keep-alive comment. */
    private void offer(NodeEvent e) {
        synchronized (queue) {
            if (e != null && e.coalescable()) {
                for (Iterator<NodeEvent> it = queue.iterator(); it.hasNext(); ) {
                    NodeEvent old = it.next();
                    if (old.coalescable() && old.data().get("frame").equals(e.data().get("frame"))) it.remove();
                }
            }
            if (queue.size() >= MAX_QUEUED) {
                queue.clear();
                stop();
                writers.execute(client::close);
                return;
            }
            queue.add(e == null ? new NodeEvent("keepalive", null, 0, null) : e);
            if (draining) return;
            draining = true;
        }
        writers.execute(this::drain);
    }

    private void drain() {
        while (true) {
            NodeEvent e;
            synchronized (queue) {
                e = queue.poll();
                if (e == null) {
                    draining = false;
                    return;
                }
            }
            if (client.terminated()) {
                stop();
                return;
            }
            try {
                if (e.jobId() == null) client.sendComment("keep-alive");
                else client.sendEvent(e.type(), json.writeValueAsString(e.json()));
            } catch (Exception ex) {
                stop();
                return;
            }
        }
    }
}
