package io.rendermesh.node.desk;

import io.rendermesh.node.desk.DeskPolicy.Availability;
import io.rendermesh.node.desk.DeskPolicy.RenderWhen;
import io.rendermesh.protocol.model.NodeState;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This workstation's say in rendering: its person paused it, or uses it while it renders only
 * when they are away. Checked on the node's loop a few times a second, so frames leave within a
 * second of the person coming back. Changed on the loop; its settings may be read anywhere.
 */
public final class Desk {
    private static final Logger log = LoggerFactory.getLogger(Desk.class);
    public static final long CHECK_MILLIS = 250;

    private final String self;
    private final IdleReader idle;
    private final Consumer<String> giveBack;
    private final Runnable changed;
    private volatile boolean paused;
    private volatile RenderWhen when;
    private final long awayMillis;
    private Availability availability = Availability.AVAILABLE;
    private volatile String reservedCores = "0";

    /**
     * @param giveBack the worker: every frame rendering here leaves, for this reason
     * @param changed  the resource map entry: this node's state changed
     */
    public Desk(String self, IdleReader idle, RenderWhen when, int idleMinutes, Consumer<String> giveBack, Runnable changed) {
        this.self = self;
        this.idle = idle;
        this.when = when;
        this.awayMillis = idleMinutes * 60_000L;
        this.giveBack = giveBack;
        this.changed = changed;
    }

    /** On the loop, every {@link #CHECK_MILLIS}: has the desk's say changed? */
    public void check() {
        // the desktop is read only when it matters
        OptionalLong idleNow = !paused && when == RenderWhen.IDLE ? idle.idleMillis() : OptionalLong.empty();
        Availability now = DeskPolicy.decide(paused, when, awayMillis, idleNow);
        if (now == availability) return;
        availability = now;
        log.info("node {}: {}", self, describe());
        changed.run();
        if (now != Availability.AVAILABLE) giveBack.accept("node " + self + " is " + (now == Availability.PAUSED ? "paused" : "in use"));
    }

    public boolean available() {
        return availability == Availability.AVAILABLE;
    }

    /** The state this node shows in the resource map. */
    public NodeState state(int busySlots) {
        return switch (availability) {
            case PAUSED -> NodeState.PAUSED;
            case IN_USE -> NodeState.IN_USE;
            case AVAILABLE -> busySlots > 0 ? NodeState.BUSY : NodeState.IDLE;
        };
    }

    public RenderWhen renderWhen() {
        return when;
    }

    public boolean paused() {
        return paused;
    }

    /** A person's input: pause, resume, or render-when always|idle. Returns why it is refused, or null. */
    public String control(String action, String value) {
        switch (action == null ? "" : action) {
            case "pause" -> paused = true;
            case "resume" -> paused = false;
            case "render-when" -> {
                try {
                    when = RenderWhen.parse(value);
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case "reserve-cores" -> {
                if (!java.util.Set.of("0", "1", "half").contains(value)) return "reserve-cores takes 0, 1 or half, not '" + value + "'";
                reservedCores = value;
                log.info("node {}: {} cores reserved for its person", self, value);
            }
            default -> {
                return "unknown node action '" + action + "': use pause, resume, render-when or reserve-cores";
            }
        }
        check();
        return null;
    }

    public String reservedCores() {
        return reservedCores;
    }

    /**
     * The slots new frames may use while cores are reserved for the desk's person: a frame uses
     * {@code cores / slots} cores, so reserving cores takes whole slots (at least one is left).
     */
    public int usableSlots(int slots, int cores) {
        int perSlot = Math.max(1, cores / Math.max(1, slots));
        int reserved = switch (reservedCores) {
            case "1" -> 1;
            case "half" -> cores / 2;
            default -> 0;
        };
        int taken = (reserved + perSlot - 1) / perSlot;
        return Math.max(1, slots - taken);
    }

    private String describe() {
        return switch (availability) {
            case PAUSED -> "paused: no frames render here until it is resumed";
            case IN_USE -> "in use: frames render here only after " + awayMillis / 60_000 + " min away from the desk";
            case AVAILABLE -> "available for rendering";
        };
    }
}
