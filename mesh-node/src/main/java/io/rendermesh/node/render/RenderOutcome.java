package io.rendermesh.node.render;

import java.nio.file.Path;

/**
 * A finished frame: the PNG written, passes done, and whether it was accepted early by the user.
 * A part of a frame split by samples writes no PNG: its result is the checkpoint it handed over.
 */
public record RenderOutcome(Path png, int passesDone, boolean accepted) {
}
