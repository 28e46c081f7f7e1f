package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A bounding volume hierarchy over finite shapes, split at the median of the longest axis of the
 * centroids. Leaves hold up to {@value #LEAF_SIZE} shapes.
 */
public final class Bvh implements Shape {
    static final int LEAF_SIZE = 4;
    private final Aabb box;
    private final Shape left;
    private final Shape right;
    private final Shape[] leaf;

    private Bvh(Aabb box, Shape left, Shape right, Shape[] leaf) {
        this.box = box;
        this.left = left;
        this.right = right;
        this.leaf = leaf;
    }

    public static Bvh build(List<Shape> shapes) {
        if (shapes.isEmpty()) return new Bvh(null, null, null, new Shape[0]);
        Aabb box = shapes.get(0).bounds();
        Aabb centroids = new Aabb(box.center(), box.center());
        for (Shape s : shapes) {
            box = box.union(s.bounds());
            centroids = centroids.union(new Aabb(s.bounds().center(), s.bounds().center()));
        }
        if (shapes.size() <= LEAF_SIZE) return new Bvh(box, null, null, shapes.toArray(new Shape[0]));
        var extent = centroids.max().sub(centroids.min());
        int axis = extent.x() > extent.y() && extent.x() > extent.z() ? 0 : extent.y() > extent.z() ? 1 : 2;
        List<Shape> sorted = new ArrayList<>(shapes);
        sorted.sort(Comparator.comparingDouble(s -> s.bounds().center().get(axis)));
        int mid = sorted.size() / 2;
        return new Bvh(box, build(sorted.subList(0, mid)), build(sorted.subList(mid, sorted.size())), null);
    }

    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        if (box == null || !box.hit(ray, tMin, tMax)) return false;
        if (leaf != null) {
            boolean any = false;
            for (Shape s : leaf) {
                if (s.intersect(ray, tMin, tMax, hit)) {
                    any = true;
                    tMax = hit.t;
                }
            }
            return any;
        }
        boolean hitLeft = left.intersect(ray, tMin, tMax, hit);
        boolean hitRight = right.intersect(ray, tMin, hitLeft ? hit.t : tMax, hit);
        return hitLeft || hitRight;
    }

    @Override
    public Aabb bounds() {
        return box;
    }
}
