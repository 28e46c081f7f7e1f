package io.rendermesh.node.render.synthetic;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.Renderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;

/**
 * For load tests and benchmarks: takes {@code params.frameMillis} per frame, writing its image
 * included, in {@code params.passes} steps, emitting a gradient sample after each; the last gradient
 * is the frame. Honours cancel and accept between short waits. {@code params.failFrames} ("3,7")
 * makes those frames fail, to exercise retries.
 */
public final class SyntheticRenderer implements Renderer {
    public static final String VERSION = "1.0";
    private static final long WAIT_STEP_MILLIS = 20;
    /** A node started with the hidden --synthetic-slowdown F renders F times slower (benchmarks of a slow node). */
    public static final String SLOWDOWN_PROPERTY = "rendermesh.synthetic.slowdown";
    private final double slowdown;

    /** As fast as its frames' frameMillis say, or slower when the node was started with --synthetic-slowdown. */
    public SyntheticRenderer() {
        this(Double.parseDouble(System.getProperty(SLOWDOWN_PROPERTY, "1")));
    }

    /** {@code slowdown} times slower than its frames' frameMillis (a slow node, in tests). */
    public SyntheticRenderer(double slowdown) {
        this.slowdown = Math.max(1, slowdown);
    }

    @Override
    public String packageName() {
        return "synthetic";
    }

    @Override
    public Optional<String> detectVersion() {
        return Optional.of(VERSION);
    }

    @Override
    public RenderOutcome render(RenderRequest req, RenderControl control) throws RenderException, InterruptedException {
        double frameMillis = req.profile().param("frameMillis", 1000) * slowdown;
        int passes = Math.max(1, req.profile().param("passes", 4));
        for (String f : req.profile().params().getOrDefault("failFrames", "").split(",")) {
            if (f.trim().equals(Integer.toString(req.frame()))) throw new RenderException("synthetic failure of frame " + req.frame());
        }
        Path png = req.scratchDir().resolve(String.format("%04d.png", req.frame()));
        BufferedImage image = null;
        int pass = 0;
        long start = System.nanoTime();
        while (pass < passes) {
            if (control.cancelled()) throw new InterruptedException("cancelled");
            BufferedImage next = gradient(req, pass + 1, passes);
            // the frame's output is part of its time, as a real renderer's is: the last image is written
            // within frameMillis, not after it (a millisecond more per frame, 5 % of a 20 ms frame)
            if (pass + 1 == passes) write(next, png);
            // deadlines count from the frame's start, so time spent on samples does not stretch the frame
            waitUntil(start + (long) ((pass + 1) * (frameMillis * 1_000_000.0 / passes)), control);
            pass++;
            image = next;
            control.sample(pass, passes, image);
            if (control.acceptRequested()) break;
        }
        if (pass < passes) write(image, png); // accepted before its last pass: that image was not written yet
        return new RenderOutcome(png, pass, pass < passes);
    }

    private static void write(BufferedImage image, Path png) throws RenderException {
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new RenderException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static void waitUntil(long end, RenderControl control) throws InterruptedException {
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) return;
            if (control.cancelled() || control.acceptRequested()) return;
            // to the nanosecond, not in whole milliseconds: a frame of 20 ms overshot by up to a millisecond
            LockSupport.parkNanos(Math.min(WAIT_STEP_MILLIS * 1_000_000, left));
            if (Thread.interrupted()) throw new InterruptedException("interrupted");
        }
    }

    /** A frame-specific gradient, brighter with each pass, so samples and frames differ visibly. */
    static BufferedImage gradient(RenderRequest req, int pass, int passes) {
        int w = req.profile().width();
        int h = req.profile().height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int hue = (req.frame() * 37) % 256;
        double level = pass / (double) passes;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (level * (255.0 * x / Math.max(1, w - 1)));
                int g = (int) (level * (255.0 * y / Math.max(1, h - 1)));
                row[x] = (r << 16) | (g << 8) | hue;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }
}
