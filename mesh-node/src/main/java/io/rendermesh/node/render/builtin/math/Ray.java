package io.rendermesh.node.render.builtin.math;

/** A ray: origin and unit direction. */
public record Ray(Vec3 origin, Vec3 dir) {
    public Vec3 at(double t) {
        return origin.add(dir.mul(t));
    }
}
