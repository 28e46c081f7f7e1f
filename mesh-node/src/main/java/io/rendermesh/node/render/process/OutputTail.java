package io.rendermesh.node.render.process;

import java.util.ArrayDeque;

/** The last lines a renderer printed, for the error shown on a failed frame. Thread-safe. */
public final class OutputTail {
    private final int maxLines;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    public OutputTail(int maxLines) {
        this.maxLines = maxLines;
    }

    public synchronized void add(String line) {
        if (line.isBlank()) return;
        if (lines.size() == maxLines) lines.removeFirst();
        lines.addLast(line.length() > 300 ? line.substring(0, 300) + "…" : line);
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }
}
