package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum NodeState {
    IDLE, BUSY, PAUSED, LEAVING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
