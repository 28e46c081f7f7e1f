package io.rendermesh.tray;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the tray shows of its node, read from {@code /health} and {@code /nodes}: pure, so tested
 * without a desktop.
 *
 * @param state  idle, rendering, paused, in-use, or not-connected
 * @param frames frames rendering on this node
 */
public record TrayStatus(String name, String site, int meshSize, String state, int frames, String renderWhen, String reservedCores) {

    public static TrayStatus notConnected(String name) {
        return new TrayStatus(name, "", 0, "not-connected", 0, "always", "0");
    }

    /** From the node's health and the node list; the node's own entry is the one with its name. */
    public static TrayStatus of(JsonNode health, JsonNode nodes) {
        String name = health.path("node").asText();
        JsonNode me = null;
        for (JsonNode n : nodes) if (name.equals(n.path("name").asText())) me = n;
        if (me == null) return notConnected(name);
        String nodeState = me.path("state").asText();
        int busy = me.path("busySlots").asInt();
        String state = switch (nodeState) {
            case "paused", "in-use" -> nodeState;
            case "leaving" -> "not-connected";
            default -> busy > 0 ? "rendering" : "idle";
        };
        return new TrayStatus(name, health.path("site").asText(), health.path("members").asInt(), state, busy,
                health.path("renderWhen").asText("always"), health.path("reservedCores").asText("0"));
    }

    public boolean paused() {
        return state.equals("paused");
    }

    /** The icon's tooltip and the first line of the menu. */
    public String summary() {
        String what = switch (state) {
            case "rendering" -> "rendering " + frames + (frames == 1 ? " frame" : " frames");
            case "in-use" -> "in use: renders when you are away";
            case "not-connected" -> "not connected";
            default -> state;
        };
        return "RenderMesh " + name + ": " + what;
    }
}
