package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Vec3;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link Bvh}: each node's shapes are split where the surface area heuristic (the chance a
 * ray meets a child, by its box's area, times the shapes in it) is lowest among {@value #BINS}
 * centroid bins on each axis, or kept as a leaf when no split is cheaper. For meshes of long thin
 * triangles this gives far tighter boxes than a median split.
 */
final class BvhBuild {
    static final int BINS = 16;
    /** At most 15: a leaf's count has four bits in its parent's reference to it. */
    static final int MAX_LEAF = 8;
    /**
     * Below this depth nodes split in halves: a binned split only promises one shape a side, and
     * shapes laid out unevenly enough could otherwise make a tree (and this build's recursion) as deep
     * as they are many.
     */
    static final int MAX_SAH_DEPTH = 48;
    /**
     * The cost of visiting a node, against one shape's test: a node's read mostly waits on memory. At
     * 3 rather than 1, the 102,400-triangle torus has a third of the nodes (leaves of about 4
     * triangles) and renders a few per cent faster.
     */
    private static final double NODE_COST = 3;

    private final Shape[] input;
    private final double[][] lo = new double[3][];
    private final double[][] hi = new double[3][];
    private final double[][] centroid = new double[3][];
    private final int[] order;
    private double[] bounds;
    private int[] nodes;
    private int count;
    private int depth;
    /** The axis of the last split: the left part holds the lower centroids along it. */
    private int splitAxis;

    private BvhBuild(List<Shape> shapes) {
        int n = shapes.size();
        input = shapes.toArray(new Shape[0]);
        order = new int[n];
        for (int a = 0; a < 3; a++) {
            lo[a] = new double[n];
            hi[a] = new double[n];
            centroid[a] = new double[n];
        }
        for (int i = 0; i < n; i++) {
            Aabb box = input[i].bounds();
            for (int a = 0; a < 3; a++) {
                lo[a][i] = box.min().get(a);
                hi[a][i] = box.max().get(a);
                centroid[a][i] = (lo[a][i] + hi[a][i]) / 2;
            }
            order[i] = i;
        }
        bounds = new double[6 * Math.max(1, 2 * n)];
        nodes = new int[2 * Math.max(1, 2 * n)];
    }

    static Bvh build(List<Shape> shapes) {
        BvhBuild b = new BvhBuild(shapes);
        if (shapes.isEmpty()) return new Bvh(null, new int[0], 0, new Shape[0], 0);
        b.node(0, shapes.size(), 1);
        Shape[] ordered = new Shape[shapes.size()];
        for (int k = 0; k < ordered.length; k++) ordered[k] = b.input[b.order[k]];
        Aabb box = new Aabb(new Vec3(b.bounds[0], b.bounds[1], b.bounds[2]), new Vec3(b.bounds[3], b.bounds[4], b.bounds[5]));
        int[] index = new int[b.count];
        int inner = 0;
        for (int i = 0; i < b.count; i++) if (b.nodes[2 * i + 1] < 0) index[i] = inner++;
        int[] tree = new int[Bvh.NODE_INTS * inner];
        for (int i = 0; i < b.count; i++) {
            int right = b.nodes[2 * i];
            if (b.nodes[2 * i + 1] >= 0) continue;
            int at = Bvh.NODE_INTS * index[i];
            b.putBox(tree, at, i + 1);
            b.putBox(tree, at + 6, right);
            tree[at + 12] = b.ref(i + 1, index);
            tree[at + 13] = b.ref(right, index);
        }
        return new Bvh(box, tree, b.ref(0, index), ordered, b.depth);
    }

    /**
     * How a parent names a child: an inner node by its index among inner nodes, a leaf as the
     * complement of its first shape × 32, plus {@link Bvh#TRIANGLES_ONLY} when it holds only
     * triangles, plus its count (negative: leaves hold at most 8).
     */
    private int ref(int node, int[] index) {
        int count = nodes[2 * node + 1];
        if (count < 0) return index[node];
        int first = nodes[2 * node];
        boolean triangles = true;
        for (int k = first; k < first + count; k++) triangles &= input[order[k]] instanceof Triangle;
        return ~(first << 5 | (triangles ? Bvh.TRIANGLES_ONLY : 0) | count);
    }

    /** Node {@code node}'s box as float bits, rounded outwards so that the float box still holds every shape. */
    private void putBox(int[] tree, int at, int node) {
        for (int a = 0; a < 3; a++) {
            double lo = bounds[6 * node + a];
            double hi = bounds[6 * node + 3 + a];
            float flo = (float) lo;
            float fhi = (float) hi;
            if (flo > lo) flo = Math.nextDown(flo);
            if (fhi < hi) fhi = Math.nextUp(fhi);
            tree[at + a] = Float.floatToRawIntBits(flo);
            tree[at + 3 + a] = Float.floatToRawIntBits(fhi);
        }
    }

    /** Builds the node for order[from, to) and its subtree, returns its index. */
    private int node(int from, int to, int level) {
        depth = Math.max(depth, level);
        int index = count++;
        double[] cLo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] cHi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        int b = 6 * index;
        for (int a = 0; a < 3; a++) {
            bounds[b + a] = Double.MAX_VALUE;
            bounds[b + 3 + a] = -Double.MAX_VALUE;
        }
        for (int k = from; k < to; k++) {
            int i = order[k];
            for (int a = 0; a < 3; a++) {
                bounds[b + a] = Math.min(bounds[b + a], lo[a][i]);
                bounds[b + 3 + a] = Math.max(bounds[b + 3 + a], hi[a][i]);
                cLo[a] = Math.min(cLo[a], centroid[a][i]);
                cHi[a] = Math.max(cHi[a], centroid[a][i]);
            }
        }
        int n = to - from;
        int mid = n <= 2 || level > MAX_SAH_DEPTH ? -1 : split(from, to, cLo, cHi, area(bounds, b));
        if (mid < 0 && n > MAX_LEAF) mid = medianSplit(from, to, cLo, cHi);
        if (mid < 0) {
            nodes[2 * index] = from;
            nodes[2 * index + 1] = n;
            return index;
        }
        int axis = splitAxis;
        node(from, mid, level + 1);
        nodes[2 * index] = node(mid, to, level + 1);
        nodes[2 * index + 1] = -1 - axis;
        return index;
    }

    /** Partitions order[from, to) at the cheapest binned split if it beats a leaf of them all; returns the split point, or -1. */
    private int split(int from, int to, double[] cLo, double[] cHi, double area) {
        double bestCost = to - from <= MAX_LEAF ? area * (to - from) : Double.MAX_VALUE;
        int bestAxis = -1;
        int bestBin = -1;
        double[] binBox = new double[6 * BINS];
        int[] binCount = new int[BINS];
        double[] rightArea = new double[BINS];
        for (int a = 0; a < 3; a++) {
            double extent = cHi[a] - cLo[a];
            if (!(extent > 1e-12)) continue;
            double scale = BINS / extent;
            Arrays.fill(binCount, 0);
            for (int i = 0; i < BINS; i++) emptyBox(binBox, 6 * i);
            for (int k = from; k < to; k++) {
                int i = order[k];
                int bin = Math.min(BINS - 1, (int) ((centroid[a][i] - cLo[a]) * scale));
                binCount[bin]++;
                grow(binBox, 6 * bin, i);
            }
            double[] acc = new double[6];
            emptyBox(acc, 0);
            int right = 0;
            int[] rightCount = new int[BINS];
            for (int i = BINS - 1; i > 0; i--) {
                merge(acc, binBox, 6 * i);
                right += binCount[i];
                rightArea[i] = right == 0 ? 0 : area(acc, 0);
                rightCount[i] = right;
            }
            emptyBox(acc, 0);
            int left = 0;
            for (int i = 0; i < BINS - 1; i++) {
                merge(acc, binBox, 6 * i);
                left += binCount[i];
                if (left == 0 || rightCount[i + 1] == 0) continue;
                double cost = NODE_COST * area + area(acc, 0) * left + rightArea[i + 1] * rightCount[i + 1];
                if (cost < bestCost) {
                    bestCost = cost;
                    bestAxis = a;
                    bestBin = i;
                }
            }
        }
        if (bestAxis < 0) return -1;
        splitAxis = bestAxis;
        double scale = BINS / (cHi[bestAxis] - cLo[bestAxis]);
        int i = from;
        int j = to - 1;
        while (i <= j) {
            int bin = Math.min(BINS - 1, (int) ((centroid[bestAxis][order[i]] - cLo[bestAxis]) * scale));
            if (bin <= bestBin) {
                i++;
            } else {
                int s = order[i];
                order[i] = order[j];
                order[j--] = s;
            }
        }
        return i;
    }

    /** Splits order[from, to) in half by centroid along its longest axis: for shapes whose centroids bins cannot tell apart. */
    private int medianSplit(int from, int to, double[] cLo, double[] cHi) {
        int axis = 0;
        for (int a = 1; a < 3; a++) if (cHi[a] - cLo[a] > cHi[axis] - cLo[axis]) axis = a;
        splitAxis = axis;
        double[] key = centroid[axis];
        Integer[] boxed = new Integer[to - from];
        for (int k = from; k < to; k++) boxed[k - from] = order[k];
        Arrays.sort(boxed, (x, y) -> Double.compare(key[x], key[y]));
        for (int k = from; k < to; k++) order[k] = boxed[k - from];
        return (from + to) >>> 1;
    }

    private static void emptyBox(double[] box, int at) {
        for (int a = 0; a < 3; a++) {
            box[at + a] = Double.MAX_VALUE;
            box[at + 3 + a] = -Double.MAX_VALUE;
        }
    }

    private void grow(double[] box, int at, int shape) {
        for (int a = 0; a < 3; a++) {
            box[at + a] = Math.min(box[at + a], lo[a][shape]);
            box[at + 3 + a] = Math.max(box[at + 3 + a], hi[a][shape]);
        }
    }

    private static void merge(double[] into, double[] from, int at) {
        for (int a = 0; a < 3; a++) {
            into[a] = Math.min(into[a], from[at + a]);
            into[3 + a] = Math.max(into[3 + a], from[at + 3 + a]);
        }
    }

    /** Half the surface area of a box (the factor 2 cancels in every comparison); 0 for an empty one. */
    private static double area(double[] box, int at) {
        double x = box[at + 3] - box[at];
        double y = box[at + 4] - box[at + 1];
        double z = box[at + 5] - box[at + 2];
        if (x < 0 || y < 0 || z < 0) return 0;
        return x * y + y * z + z * x;
    }
}
