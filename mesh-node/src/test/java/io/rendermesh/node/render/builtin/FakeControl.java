package io.rendermesh.node.render.builtin;

import io.rendermesh.node.render.RenderControl;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A RenderControl for tests: records samples; can cancel or accept after a given pass. */
final class FakeControl implements RenderControl {
    final List<BufferedImage> samples = new ArrayList<>();
    /** The passes a render handed over (a part of a split frame, or a frame stopped midway). */
    volatile io.rendermesh.node.render.PassCheckpoint checkpoint;
    volatile int target;
    int cancelAfter = Integer.MAX_VALUE;
    int acceptAfter = Integer.MAX_VALUE;
    int retargetAfter = Integer.MAX_VALUE;
    int retargetTo;

    FakeControl(int target) {
        this.target = target;
    }

    @Override
    public boolean cancelled() {
        return samples.size() >= cancelAfter;
    }

    @Override
    public boolean acceptRequested() {
        return samples.size() >= acceptAfter;
    }

    @Override
    public int targetSamples() {
        return samples.size() >= retargetAfter ? retargetTo : target;
    }

    @Override
    public synchronized void sample(int pass, int passes, BufferedImage image) {
        samples.add(image);
    }

    @Override
    public void progress(int done, int total) {
    }

    @Override
    public void checkpoint(io.rendermesh.node.render.PassCheckpoint work) {
        checkpoint = work;
    }
}
