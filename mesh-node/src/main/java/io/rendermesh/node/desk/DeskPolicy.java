package io.rendermesh.node.desk;

import java.util.OptionalLong;

/** When a workstation may render: a pure decision from the person's settings and the desk's idle time. */
public final class DeskPolicy {
    public enum RenderWhen {
        ALWAYS, IDLE;

        public static RenderWhen parse(String s) {
            return switch (s == null ? "" : s.trim().toLowerCase()) {
                case "always" -> ALWAYS;
                case "idle" -> IDLE;
                default -> throw new IllegalArgumentException("render-when must be always or idle, not '" + s + "'");
            };
        }

        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** What the desk allows now. */
    public enum Availability { AVAILABLE, IN_USE, PAUSED }

    private DeskPolicy() {
    }

    /**
     * Paused wins; with {@code IDLE} the desk must have been away for {@code awayMillis}; a machine
     * without a desktop (no idle time) is always away.
     */
    public static Availability decide(boolean paused, RenderWhen when, long awayMillis, OptionalLong idleMillis) {
        if (paused) return Availability.PAUSED;
        if (when == RenderWhen.ALWAYS || idleMillis.isEmpty()) return Availability.AVAILABLE;
        return idleMillis.getAsLong() >= awayMillis ? Availability.AVAILABLE : Availability.IN_USE;
    }
}
