package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

public record Sphere(Vec3 center, double radius, Material material) implements Shape {
    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        Vec3 oc = ray.origin().sub(center);
        double b = oc.dot(ray.dir());
        double c = oc.dot(oc) - radius * radius;
        double disc = b * b - c;
        if (disc < 0) return false;
        double sq = Math.sqrt(disc);
        double t = -b - sq;
        if (t <= tMin || t >= tMax) {
            t = -b + sq;
            if (t <= tMin || t >= tMax) return false;
        }
        hit.t = t;
        hit.point = ray.at(t);
        Vec3 outward = hit.point.sub(center).mul(1 / radius);
        hit.setFace(ray, outward);
        // texture coordinates only for a texture: atan2 and asin at every hit were a tenth of a render
        boolean textured = material != null && material.texture() != null;
        hit.u = textured ? 0.5 + Math.atan2(outward.z(), outward.x()) / (2 * Math.PI) : 0;
        hit.v = textured ? 0.5 - Math.asin(Math.max(-1, Math.min(1, outward.y()))) / Math.PI : 0;
        hit.material = material;
        return true;
    }

    @Override
    public Aabb bounds() {
        Vec3 r = new Vec3(radius, radius, radius);
        return new Aabb(center.sub(r), center.add(r));
    }
}
