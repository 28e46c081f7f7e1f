package io.rendermesh.node.render;

/** A frame could not be rendered; the message (e.g. the renderer's last output lines) is shown to the user. */
public class RenderException extends Exception {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
