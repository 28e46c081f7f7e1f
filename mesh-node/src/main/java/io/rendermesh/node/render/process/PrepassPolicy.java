package io.rendermesh.node.render.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether to run a quick low-resolution pre-pass before a frame, so the user sees a sample before
 * the frame completes. Only worth it for frames that take longer than about a second: the first
 * frame of a job always gets one; later frames get one when this job's last frame here was slow.
 */
public final class PrepassPolicy {
    static final long SLOW_FRAME_MILLIS = 1_000;
    static final int MIN_PIXELS = 160 * 90;
    private static final int JOBS_REMEMBERED = 64;
    private final Map<String, Long> lastFrameMillis = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > JOBS_REMEMBERED;
        }
    };

    public synchronized boolean wanted(String jobId, int width, int height) {
        if ((long) width * height < MIN_PIXELS) return false;
        Long last = lastFrameMillis.get(jobId);
        return last == null || last >= SLOW_FRAME_MILLIS;
    }

    public synchronized void frameTook(String jobId, long millis) {
        lastFrameMillis.put(jobId, millis);
    }
}
