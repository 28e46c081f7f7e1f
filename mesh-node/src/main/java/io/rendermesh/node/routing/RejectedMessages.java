package io.rendermesh.node.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesh messages this node refused, counted per sender. The first refusal of each kind from each
 * sender is logged with its reason; the rest only count, so a hostile or broken peer cannot flood
 * the log.
 */
public final class RejectedMessages {
    private static final Logger log = LoggerFactory.getLogger(RejectedMessages.class);
    static final int MAX_SENDERS = 1_024;

    private final String self;
    private final Map<String, AtomicLong> bySender = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong total = new AtomicLong();

    public RejectedMessages(String self) {
        this.self = self;
    }

    public void reject(String from, String messageType, String reason) {
        total.incrementAndGet();
        if (bySender.size() < MAX_SENDERS || bySender.containsKey(from)) {
            bySender.computeIfAbsent(from, k -> new AtomicLong()).incrementAndGet();
        }
        if (logged.size() < MAX_SENDERS * 4 && logged.add(from + "/" + messageType)) {
            log.warn("node {}: refused {} from {}: {} (further refusals of this kind from {} are only counted)",
                    self, messageType, from, io.rendermesh.protocol.model.PeerText.printable(reason, 300), from);
        }
    }

    public long total() {
        return total.get();
    }

    /** Refusals per sender, for the operator's view. */
    public Map<String, Long> bySender() {
        Map<String, Long> out = new java.util.TreeMap<>();
        bySender.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
