package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.protocol.model.InvalidInputException;
import java.util.List;

/**
 * A property animated over frames: values at key frames, linear or smooth (ease in and out)
 * in between, held constant before the first and after the last key.
 */
public record Keyframes<T>(List<Integer> frames, List<T> values, boolean smooth) {
    public Keyframes {
        if (frames.isEmpty() || frames.size() != values.size()) throw new InvalidInputException("keyframes need a frame and a value each");
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i) <= frames.get(i - 1)) {
                throw new InvalidInputException("keyframes must be in increasing frame order, got frame " + frames.get(i)
                        + " after " + frames.get(i - 1));
            }
        }
    }

    @SuppressWarnings("unchecked")
    public T at(double frame) {
        int n = frames.size();
        if (frame <= frames.get(0)) return values.get(0);
        if (frame >= frames.get(n - 1)) return values.get(n - 1);
        int i = 0;
        while (frames.get(i + 1) < frame) i++;
        double t = (frame - frames.get(i)) / (frames.get(i + 1) - frames.get(i));
        if (smooth) t = t * t * (3 - 2 * t);
        T a = values.get(i);
        T b = values.get(i + 1);
        if (a instanceof Vec3 va) return (T) va.lerp((Vec3) b, t);
        return (T) Double.valueOf((Double) a + ((Double) b - (Double) a) * t);
    }
}
