package io.rendermesh.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node without the mesh key that asked to join: shown to people on every member until one
 * approves it. {@code fingerprint} is of the newcomer's own public key (it prints the same on its
 * console); {@code holder} is the member its connection waits on.
 */
public record JoinRequest(String name, String address, String fingerprint, long sinceMillis, String holder) {

    /** When the request came in, milliseconds since the epoch (the API's {@code since}). */
    @JsonProperty("since")
    public long since() {
        return sinceMillis;
    }

    @JsonIgnore
    public long sinceMillis() {
        return sinceMillis;
    }

    @JsonIgnore
    public String holder() {
        return holder;
    }

    /** Fields a peer may send, checked before a request is listed. */
    @JsonIgnore
    public boolean isWellFormed() {
        return Identifiers.isNodeName(name) && Identifiers.isNodeName(holder) && fingerprint != null
                && fingerprint.matches("[0-9a-f]{4}(-[0-9a-f]{4}){3}") && address != null && address.length() <= 100
                && address.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
