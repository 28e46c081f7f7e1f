package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonValue;

public enum FrameState {
    PENDING, ASSIGNED, RENDERING, DONE, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Leased to a worker: it counts against the worker's slots and the job's fair share. */
    public boolean inFlight() {
        return this == ASSIGNED || this == RENDERING;
    }

    public boolean terminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
