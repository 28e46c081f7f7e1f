package io.rendermesh.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The tray icon for each state, drawn here so the app ships no image files: a disc in the state's colour, the frame count on it. */
final class TrayIcons {
    static final int SIZE = 24;

    private TrayIcons() {
    }

    static BufferedImage of(TrayStatus s) {
        Color fill = switch (s.state()) {
            case "rendering" -> new Color(0x2e7dd7);
            case "paused" -> new Color(0xe0a100);
            case "in-use" -> new Color(0x8a8f98);
            case "not-connected" -> new Color(0xc0392b);
            default -> new Color(0x2ea043);
        };
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(fill);
        g.fillOval(1, 1, SIZE - 2, SIZE - 2);
        g.setColor(Color.WHITE);
        if (s.state().equals("rendering")) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            String n = s.frames() > 9 ? "9+" : Integer.toString(s.frames());
            int w = g.getFontMetrics().stringWidth(n);
            g.drawString(n, (SIZE - w) / 2, SIZE / 2 + 5);
        } else if (s.state().equals("paused")) {
            g.fillRect(8, 7, 3, 10);
            g.fillRect(13, 7, 3, 10);
        } else if (s.state().equals("not-connected")) {
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(8, 8, 16, 16);
            g.drawLine(16, 8, 8, 16);
        }
        g.dispose();
        return img;
    }
}
