package io.rendermesh.protocol.model;

import java.util.List;

/** What a node must have to render a job. */
public record Requirements(int minCores, long minMemoryMb, List<String> tags) {
    public static final Requirements NONE = new Requirements(0, 0, List.of());

    public Requirements {
        if (minCores < 0) throw new InvalidInputException("requirements.minCores must not be negative");
        if (minMemoryMb < 0) throw new InvalidInputException("requirements.minMemoryMb must not be negative");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
