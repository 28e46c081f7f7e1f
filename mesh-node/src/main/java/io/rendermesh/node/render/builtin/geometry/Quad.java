package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

/** A parallelogram: corner plus two edges. Emissive quads are the area lights. */
public record Quad(Vec3 corner, Vec3 edge1, Vec3 edge2, Material material) implements Shape {
    public Vec3 normal() {
        return edge1.cross(edge2).normalize();
    }

    public double area() {
        return edge1.cross(edge2).length();
    }

    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        Vec3 n = edge1.cross(edge2);
        double denom = n.dot(ray.dir());
        if (Math.abs(denom) < 1e-12) return false;
        double t = corner.sub(ray.origin()).dot(n) / denom;
        if (t <= tMin || t >= tMax) return false;
        Vec3 p = ray.at(t).sub(corner);
        double nn = n.dot(n);
        double a = p.cross(edge2).dot(n) / nn;
        double b = edge1.cross(p).dot(n) / nn;
        if (a < 0 || a > 1 || b < 0 || b > 1) return false;
        hit.t = t;
        hit.point = ray.at(t);
        hit.setFace(ray, n.mul(1 / Math.sqrt(nn)));
        hit.u = a;
        hit.v = b;
        hit.material = material;
        return true;
    }

    @Override
    public Aabb bounds() {
        Vec3 a = corner;
        Vec3 b = corner.add(edge1);
        Vec3 c = corner.add(edge2);
        Vec3 d = b.add(edge2);
        Vec3 eps = new Vec3(1e-4, 1e-4, 1e-4);
        return new Aabb(Vec3.min(Vec3.min(a, b), Vec3.min(c, d)).sub(eps), Vec3.max(Vec3.max(a, b), Vec3.max(c, d)).add(eps));
    }
}
