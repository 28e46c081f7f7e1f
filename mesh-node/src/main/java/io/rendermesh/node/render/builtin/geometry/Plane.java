package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

/** An infinite plane through {@code point} with unit {@code normal}; texture coordinates tile in world units. */
public final class Plane implements Shape {
    private final Vec3 point;
    private final Vec3 normal;
    private final Material material;
    /** The texture axes in the plane, fixed per plane rather than worked out at every hit. */
    private final Vec3 uAxis;
    private final Vec3 vAxis;

    public Plane(Vec3 point, Vec3 normal, Material material) {
        this.point = point;
        this.normal = normal;
        this.material = material;
        Vec3 a = Math.abs(normal.x()) > 0.9 ? new Vec3(0, 1, 0) : new Vec3(1, 0, 0);
        this.uAxis = a.cross(normal).normalize();
        this.vAxis = normal.cross(uAxis);
    }

    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        double denom = normal.dot(ray.dir());
        if (Math.abs(denom) < 1e-9) return false;
        double t = point.sub(ray.origin()).dot(normal) / denom;
        if (t <= tMin || t >= tMax) return false;
        hit.t = t;
        hit.point = ray.at(t);
        hit.setFace(ray, normal);
        Vec3 d = hit.point.sub(point);
        hit.u = d.dot(uAxis);
        hit.v = d.dot(vAxis);
        hit.material = material;
        return true;
    }

    public Vec3 point() {
        return point;
    }

    public Vec3 normal() {
        return normal;
    }

    public Material material() {
        return material;
    }

    @Override
    public Aabb bounds() {
        return null;
    }
}
