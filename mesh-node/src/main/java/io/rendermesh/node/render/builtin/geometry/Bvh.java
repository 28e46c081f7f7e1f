package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import java.util.Comparator;
import java.util.List;

/**
 * A bounding volume hierarchy over finite shapes, split at the median of the longest axis of the
 * centroids. Leaves hold up to {@value #LEAF_SIZE} shapes. Rays visit the nearer child first.
 */
public final class Bvh implements Shape {
    static final int LEAF_SIZE = 4;
    private final Aabb box;
    private final Shape left;
    private final Shape right;
    private final Shape[] leaf;
    /** The axis the children were split on: left holds the lower centroids. */
    private final int axis;

    private Bvh(Aabb box, Shape left, Shape right, Shape[] leaf, int axis) {
        this.box = box;
        this.left = left;
        this.right = right;
        this.leaf = leaf;
        this.axis = axis;
    }

    public static Bvh build(List<Shape> shapes) {
        if (shapes.isEmpty()) return new Bvh(null, null, null, new Shape[0], 0);
        // each shape's bounds and centroid once: a mesh of 100,000 triangles is sorted some 17 times over
        int n = shapes.size();
        Aabb[] bounds = new Aabb[n];
        double[][] centroid = new double[3][n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            bounds[i] = shapes.get(i).bounds();
            var c = bounds[i].center();
            for (int a = 0; a < 3; a++) centroid[a][i] = c.get(a);
            order[i] = i;
        }
        return build(shapes, bounds, centroid, order, 0, n);
    }

    private static Bvh build(List<Shape> shapes, Aabb[] bounds, double[][] centroid, Integer[] order, int from, int to) {
        Aabb box = bounds[order[from]];
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int k = from; k < to; k++) {
            int i = order[k];
            box = box.union(bounds[i]);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], centroid[a][i]);
                hi[a] = Math.max(hi[a], centroid[a][i]);
            }
        }
        if (to - from <= LEAF_SIZE) {
            Shape[] leaf = new Shape[to - from];
            for (int k = from; k < to; k++) leaf[k - from] = shapes.get(order[k]);
            return new Bvh(box, null, null, leaf, 0);
        }
        double ex = hi[0] - lo[0];
        double ey = hi[1] - lo[1];
        double ez = hi[2] - lo[2];
        int axis = ex > ey && ex > ez ? 0 : ey > ez ? 1 : 2;
        double[] key = centroid[axis];
        java.util.Arrays.sort(order, from, to, Comparator.comparingDouble(i -> key[i]));
        int mid = (from + to) >>> 1;
        return new Bvh(box, build(shapes, bounds, centroid, order, from, mid), build(shapes, bounds, centroid, order, mid, to), null, axis);
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
        // the nearer child first: a hit there shortens the ray, and the far child's box is then often missed
        boolean rightFirst = ray.dir().get(axis) < 0;
        Shape first = rightFirst ? right : left;
        Shape second = rightFirst ? left : right;
        boolean hitFirst = first.intersect(ray, tMin, tMax, hit);
        boolean hitSecond = second.intersect(ray, tMin, hitFirst ? hit.t : tMax, hit);
        return hitFirst || hitSecond;
    }

    @Override
    public Aabb bounds() {
        return box;
    }
}
