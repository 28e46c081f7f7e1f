package io.rendermesh.node.render.builtin.scene;

import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AnimationModel;
import de.javagl.jgltf.model.GltfModel;

/**
 * Plays a glTF file's node animations (translation, rotation, scale) at a frame number, at
 * {@value #FPS} frames per second from frame 1: linear (rotations normalized-lerped), step, and
 * cubic spline (its values, linearly).
 */
final class GltfAnimation {
    static final double FPS = 24;

    private GltfAnimation() {
    }

    static boolean present(GltfModel model) {
        return !model.getAnimationModels().isEmpty();
    }

    static void apply(GltfModel model, double frame) {
        double time = (frame - 1) / FPS;
        for (AnimationModel animation : model.getAnimationModels()) {
            for (AnimationModel.Channel channel : animation.getChannels()) {
                AnimationModel.Sampler sampler = channel.getSampler();
                if (channel.getNodeModel() == null || !(sampler.getInput().getAccessorData() instanceof AccessorFloatData times)
                        || !(sampler.getOutput().getAccessorData() instanceof AccessorFloatData values)) {
                    continue;
                }
                String path = channel.getPath();
                int width = path.equals("rotation") ? 4 : 3;
                if (!path.equals("translation") && !path.equals("rotation") && !path.equals("scale")) continue;
                boolean cubic = sampler.getInterpolation() == AnimationModel.Interpolation.CUBICSPLINE;
                boolean step = sampler.getInterpolation() == AnimationModel.Interpolation.STEP;
                float[] v = sample(times, values, time, width, cubic, step);
                if (path.equals("rotation")) {
                    normalize(v);
                    channel.getNodeModel().setRotation(v);
                } else if (path.equals("translation")) {
                    channel.getNodeModel().setTranslation(v);
                } else {
                    channel.getNodeModel().setScale(v);
                }
            }
        }
    }

    private static float[] sample(AccessorFloatData times, AccessorFloatData values, double time, int width, boolean cubic, boolean step) {
        int n = times.getNumElements();
        int i = 0;
        while (i + 1 < n && times.get(i + 1) <= time) i++;
        int j = Math.min(n - 1, i + 1);
        double t0 = times.get(i);
        double t1 = times.get(j);
        double f = (j == i || time <= t0) ? 0 : Math.min(1, (time - t0) / (t1 - t0));
        if (step) f = 0;
        float[] out = new float[width];
        for (int c = 0; c < width; c++) {
            double a = value(values, i, c, width, cubic);
            double b = value(values, j, c, width, cubic);
            out[c] = (float) (a + (b - a) * f);
        }
        return out;
    }

    /** Cubic spline outputs hold in-tangent, value, out-tangent per key: the value is the middle one. */
    private static double value(AccessorFloatData values, int key, int component, int width, boolean cubic) {
        int element = cubic ? key * 3 + 1 : key;
        return values.get(element * width + component);
    }

    private static void normalize(float[] q) {
        double len = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (len == 0) return;
        for (int i = 0; i < 4; i++) q[i] /= len;
    }
}
