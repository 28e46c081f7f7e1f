package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A node as the resource map shows it. {@code PAUSED}: its person paused rendering there;
 * {@code IN_USE}: a workstation that renders only when its desk is idle, and someone is at it.
 * New values go at the end (the wire carries the ordinal).
 */
public enum NodeState {
    IDLE, BUSY, PAUSED, LEAVING, IN_USE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }

    /** Whether new frames may be placed on the node. */
    public boolean takesNewFrames() {
        return this == IDLE || this == BUSY;
    }
}
