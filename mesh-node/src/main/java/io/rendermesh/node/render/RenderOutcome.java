package io.rendermesh.node.render;

import java.nio.file.Path;

/** A finished frame: the PNG written, passes done, and whether it was accepted early by the user. */
public record RenderOutcome(Path png, int passesDone, boolean accepted) {
}
