package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum JobState {
    PENDING, RUNNING, PAUSED, DONE, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
