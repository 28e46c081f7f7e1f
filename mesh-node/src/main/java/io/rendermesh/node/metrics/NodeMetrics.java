package io.rendermesh.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;

/**
 * What an operator's Prometheus scrapes from a node ({@code GET /metrics}): frames done and failed
 * by renderer, frame times, the queue, slots, event streams, bytes served, refused mesh messages
 * and the JVM. Each node has its own registry, so nodes sharing a JVM (tests) keep theirs apart.
 */
public final class NodeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter framesDone;
    private final Counter framesFailed;
    private final Histogram frameSeconds;
    private final java.util.Map<String, io.prometheus.metrics.model.registry.Collector> callbacks = new java.util.HashMap<>();

    public NodeMetrics() {
        framesDone = Counter.builder().name("rendermesh_frames_done_total").help("frames this node rendered to the end")
                .labelNames("renderer").register(registry);
        framesFailed = Counter.builder().name("rendermesh_frames_failed_total").help("renders that failed on this node")
                .labelNames("renderer").register(registry);
        frameSeconds = Histogram.builder().name("rendermesh_frame_seconds").help("time to render one frame on this node")
                .labelNames("renderer").classicExponentialUpperBounds(0.05, 2, 16).register(registry);
        JvmMetrics.builder().register(registry);
    }

    public void frameDone(String renderer, double seconds) {
        framesDone.labelValues(renderer).inc();
        frameSeconds.labelValues(renderer).observe(seconds);
    }

    public void frameFailed(String renderer) {
        framesFailed.labelValues(renderer).inc();
    }

    /**
     * A value read at each scrape (it must be cheap and safe from any thread). Registered again
     * under the same name (a second web server for the same node), the newer one counts.
     */
    public synchronized void gauge(String name, String help, DoubleSupplier value) {
        replace(name, GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).build());
    }

    /** A running total read at each scrape. */
    public synchronized void total(String name, String help, DoubleSupplier value) {
        replace(name, CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).build());
    }

    private void replace(String name, io.prometheus.metrics.model.registry.Collector next) {
        io.prometheus.metrics.model.registry.Collector old = callbacks.put(name, next);
        if (old != null) registry.unregister(old);
        registry.register(next);
    }

    /** The Prometheus text format. */
    public void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
