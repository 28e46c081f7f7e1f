package io.rendermesh.node.desk;

import java.awt.GraphicsEnvironment;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Idle time from the pointer alone, where the screen-saver extension is missing: the time since
 * the pointer was last seen somewhere else. Keyboard-only work is missed, hence only a fallback.
 */
final class PointerIdleReader implements IdleReader {
    private final Clock clock;
    private Point last;
    private long movedAt;

    private PointerIdleReader(Clock clock) {
        this.clock = clock;
        this.movedAt = clock.millis();
    }

    static IdleReader open(Clock clock) {
        if (GraphicsEnvironment.isHeadless()) return IdleReader.noDesktop();
        return new PointerIdleReader(clock);
    }

    @Override
    public synchronized OptionalLong idleMillis() {
        PointerInfo p;
        try {
            p = MouseInfo.getPointerInfo();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
        if (p == null) return OptionalLong.empty();
        Point now = p.getLocation();
        if (!now.equals(last)) {
            last = now;
            movedAt = clock.millis();
        }
        return OptionalLong.of(clock.millis() - movedAt);
    }
}
