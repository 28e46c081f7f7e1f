package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;

/** Something a ray can hit. Finite shapes have bounds and live in the BVH. */
public interface Shape {
    /** Records a hit with {@code tMin < t < tMax} into {@code hit} and returns true, else false. */
    boolean intersect(Ray ray, double tMin, double tMax, Hit hit);

    /** Bounds, or null for an infinite shape (a plane). */
    Aabb bounds();
}
