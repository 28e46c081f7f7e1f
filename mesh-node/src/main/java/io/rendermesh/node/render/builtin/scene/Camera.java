package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Rng;
import io.rendermesh.node.render.builtin.math.Vec3;

/** A pinhole camera, or a thin lens when {@code aperture} > 0 (depth of field, focused at {@code focusDistance}). */
public final class Camera {
    private final Vec3 origin;
    private final Vec3 u;
    private final Vec3 v;
    private final Vec3 w;
    private final double halfWidth;
    private final double halfHeight;
    private final double lensRadius;
    private final double focus;

    public Camera(Vec3 position, Vec3 lookAt, Vec3 up, double fovDegrees, double aperture, double focusDistance, double aspect) {
        origin = position;
        w = position.sub(lookAt).normalize();
        u = up.cross(w).normalize();
        v = w.cross(u);
        halfHeight = Math.tan(Math.toRadians(fovDegrees) / 2);
        halfWidth = aspect * halfHeight;
        lensRadius = aperture / 2;
        focus = focusDistance > 0 ? focusDistance : position.sub(lookAt).length();
    }

    /** The ray through image point (s, t), both in [0, 1], t = 0 at the top. */
    public Ray ray(double s, double t, Rng rng) {
        Vec3 dir = u.mul((2 * s - 1) * halfWidth).add(v.mul((1 - 2 * t) * halfHeight)).sub(w);
        if (lensRadius <= 0) return new Ray(origin, dir.normalize());
        double[] d = rng.inUnitDisk();
        Vec3 offset = u.mul(d[0] * lensRadius).add(v.mul(d[1] * lensRadius));
        Vec3 target = origin.add(dir.mul(focus));
        Vec3 from = origin.add(offset);
        return new Ray(from, target.sub(from).normalize());
    }
}
