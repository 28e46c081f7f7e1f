package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.geometry.Bvh;
import io.rendermesh.node.render.builtin.geometry.Hit;
import io.rendermesh.node.render.builtin.geometry.Plane;
import io.rendermesh.node.render.builtin.geometry.Shape;
import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import java.util.List;

/** A scene as it stands at one frame: geometry under a BVH, infinite planes, area lights, camera, sky. */
public record Scene(Bvh bvh, List<Plane> planes, List<Shape> lights, Camera camera, Vec3 skyTop, Vec3 skyBottom) {

    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        boolean any = bvh.intersect(ray, tMin, tMax, hit);
        if (any) tMax = hit.t;
        for (Plane p : planes) {
            if (p.intersect(ray, tMin, tMax, hit)) {
                any = true;
                tMax = hit.t;
            }
        }
        return any;
    }

    /** Whether anything but a surface of {@code light} lies on the ray between tMin and tMax (a shadow ray); {@code scratch} is overwritten. */
    public boolean occluded(Ray ray, double tMin, double tMax, Material light, Hit scratch) {
        for (Plane p : planes) {
            if (p.material() != light && p.intersect(ray, tMin, tMax, scratch)) return true;
        }
        return bvh.occluded(ray, tMin, tMax, light, scratch);
    }

    public Vec3 sky(Vec3 dir) {
        double t = 0.5 * (dir.y() + 1);
        return skyBottom.lerp(skyTop, t);
    }
}
