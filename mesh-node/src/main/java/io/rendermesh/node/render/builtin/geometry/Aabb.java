package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;

/** An axis-aligned bounding box. */
public record Aabb(Vec3 min, Vec3 max) {
    /** Slab test; true when the ray enters the box before tMax and leaves it after tMin. */
    public boolean hit(Ray ray, double tMin, double tMax) {
        for (int a = 0; a < 3; a++) {
            double inv = 1.0 / ray.dir().get(a);
            double t0 = (min.get(a) - ray.origin().get(a)) * inv;
            double t1 = (max.get(a) - ray.origin().get(a)) * inv;
            if (inv < 0) {
                double s = t0;
                t0 = t1;
                t1 = s;
            }
            tMin = Math.max(t0, tMin);
            tMax = Math.min(t1, tMax);
            if (tMax < tMin) return false;
        }
        return true;
    }
}
