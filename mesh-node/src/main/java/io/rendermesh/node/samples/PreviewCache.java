package io.rendermesh.node.samples;

import io.rendermesh.node.api.NodeApi.Preview;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The latest sample of each frame that reached this node, bounded (least recently updated go first). */
public final class PreviewCache {
    private final int capacity;
    private final Map<String, Preview> latest;

    public PreviewCache(int capacity) {
        this.capacity = capacity;
        this.latest = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Preview> eldest) {
                return size() > PreviewCache.this.capacity;
            }
        };
    }

    public synchronized void put(String jobId, int frame, Preview preview) {
        latest.put(jobId + "#" + frame, preview);
    }

    public synchronized Optional<Preview> get(String jobId, int frame) {
        return Optional.ofNullable(latest.get(jobId + "#" + frame));
    }
}
