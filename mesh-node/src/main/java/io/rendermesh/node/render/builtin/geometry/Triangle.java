package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

/** A triangle of a mesh (Moller-Trumbore), with texture coordinates per vertex (uv arrays may be null). */
public record Triangle(Vec3 a, Vec3 b, Vec3 c, double[] uvA, double[] uvB, double[] uvC, Material material) implements Shape {
    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        Vec3 e1 = b.sub(a);
        Vec3 e2 = c.sub(a);
        Vec3 p = ray.dir().cross(e2);
        double det = e1.dot(p);
        if (Math.abs(det) < 1e-12) return false;
        double inv = 1 / det;
        Vec3 s = ray.origin().sub(a);
        double u = s.dot(p) * inv;
        if (u < 0 || u > 1) return false;
        Vec3 q = s.cross(e1);
        double v = ray.dir().dot(q) * inv;
        if (v < 0 || u + v > 1) return false;
        double t = e2.dot(q) * inv;
        if (t <= tMin || t >= tMax) return false;
        fill(ray, t, u, v, e1.cross(e2).normalize(), hit);
        return true;
    }

    /**
     * Records the hit at distance t and barycentric (u, v), with the unit normal (b - a) × (c - a):
     * the BVH finds the nearest triangle first, then fills this once.
     */
    void fill(Ray ray, double t, double u, double v, Vec3 normal, Hit hit) {
        hit.t = t;
        hit.point = ray.at(t);
        hit.setFace(ray, normal);
        if (uvA != null) {
            double w = 1 - u - v;
            hit.u = w * uvA[0] + u * uvB[0] + v * uvC[0];
            hit.v = w * uvA[1] + u * uvB[1] + v * uvC[1];
        } else {
            hit.u = u;
            hit.v = v;
        }
        hit.material = material;
    }

    @Override
    public Aabb bounds() {
        Vec3 eps = new Vec3(1e-6, 1e-6, 1e-6);
        return new Aabb(Vec3.min(a, Vec3.min(b, c)).sub(eps), Vec3.max(a, Vec3.max(b, c)).add(eps));
    }
}
