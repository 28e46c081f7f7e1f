package io.rendermesh.node.api;

/**
 * What became of a control request, as the coordinator decided it. Travels between nodes by
 * name; only the web layer turns it into an HTTP status.
 */
public record ControlOutcome(Kind kind, String error) {
    public enum Kind {
        ACCEPTED, BAD_INPUT, CONFLICT, NOT_FOUND,
        /** the job's coordinator is changing or did not answer: the same request may be sent again */
        RETRY
    }

    private static final ControlOutcome ACCEPTED = new ControlOutcome(Kind.ACCEPTED, null);

    public static ControlOutcome accepted() {
        return ACCEPTED;
    }

    public static ControlOutcome badInput(String why) {
        return new ControlOutcome(Kind.BAD_INPUT, why);
    }

    public static ControlOutcome conflict(String why) {
        return new ControlOutcome(Kind.CONFLICT, why);
    }

    public static ControlOutcome notFound(String why) {
        return new ControlOutcome(Kind.NOT_FOUND, why);
    }

    public static ControlOutcome retry(String why) {
        return new ControlOutcome(Kind.RETRY, why);
    }

    public boolean isAccepted() {
        return kind == Kind.ACCEPTED;
    }

    /** For the wire: a peer's unknown kind (a newer version) reads as retry, never as success. */
    public static ControlOutcome fromWire(String kind, String error) {
        for (Kind k : Kind.values()) {
            if (k.name().equals(kind)) return k == Kind.ACCEPTED ? ACCEPTED : new ControlOutcome(k, error);
        }
        return retry("the coordinator answered '" + kind + "': " + error);
    }
}
