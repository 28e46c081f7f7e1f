package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

/** An infinite plane through {@code point} with unit {@code normal}; texture coordinates tile in world units. */
public record Plane(Vec3 point, Vec3 normal, Material material) implements Shape {
    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        double denom = normal.dot(ray.dir());
        if (Math.abs(denom) < 1e-9) return false;
        double t = point.sub(ray.origin()).dot(normal) / denom;
        if (t <= tMin || t >= tMax) return false;
        hit.t = t;
        hit.point = ray.at(t);
        hit.setFace(ray, normal);
        Vec3 a = Math.abs(normal.x()) > 0.9 ? new Vec3(0, 1, 0) : new Vec3(1, 0, 0);
        Vec3 u = a.cross(normal).normalize();
        Vec3 v = normal.cross(u);
        Vec3 d = hit.point.sub(point);
        hit.u = d.dot(u);
        hit.v = d.dot(v);
        hit.material = material;
        return true;
    }

    @Override
    public Aabb bounds() {
        return null;
    }
}
