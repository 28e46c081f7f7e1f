package io.rendermesh.bench;

import io.rendermesh.node.render.RenderControl;
import java.awt.image.BufferedImage;

/** A render left to run to its sample count, noting when its first sample came (nanoTime, 0 before). */
final class BenchControl implements RenderControl {
    private final int samples;
    volatile long firstSampleNanos;

    BenchControl(int samples) {
        this.samples = samples;
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public boolean acceptRequested() {
        return false;
    }

    @Override
    public int targetSamples() {
        return samples;
    }

    @Override
    public void sample(int pass, int passes, BufferedImage image) {
        if (pass == 1) firstSampleNanos = System.nanoTime();
    }

    @Override
    public void progress(int done, int total) {
    }
}
