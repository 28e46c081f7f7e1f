package io.rendermesh.node.render.process;

import io.rendermesh.node.render.RenderControl;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Records what a render reports; cancel and accept are set by the test. */
public final class FakeControl implements RenderControl {
    public final List<int[]> progress = new ArrayList<>();
    public final List<int[]> samples = new ArrayList<>();
    public volatile boolean cancel;
    public volatile boolean accept;
    public int target = 16;
    /** Opens at the first sample, so a scripted full pass can be made to end only after it. */
    public final java.util.concurrent.CountDownLatch firstSample = new java.util.concurrent.CountDownLatch(1);

    @Override
    public boolean cancelled() {
        return cancel;
    }

    @Override
    public boolean acceptRequested() {
        return accept;
    }

    @Override
    public int targetSamples() {
        return target;
    }

    @Override
    public void sample(int pass, int passes, BufferedImage image) {
        samples.add(new int[] {pass, passes, image.getWidth(), image.getHeight()});
        firstSample.countDown();
    }

    @Override
    public void progress(int done, int total) {
        progress.add(new int[] {done, total});
    }
}
