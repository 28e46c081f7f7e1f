package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A bounding volume hierarchy over finite shapes ({@link BvhBuild}: surface area heuristic over
 * binned centroids), kept as one flat array and walked with a stack rather than by recursion through
 * objects. Each inner node holds both children's boxes (as floats, rounded outwards) and references,
 * so that deciding where a ray goes next reads one node, mostly one cache line: on a mesh of 100,000
 * triangles the walk waits on memory more than it computes. Triangles, nearly all of any mesh, are tested from packed numbers without allocating, and
 * the hit record is filled once, for the nearest; other shapes are tested through {@link Shape}.
 */
public final class Bvh implements Shape {
    /** Per inner node: the left child's box (min x, y, z, max x, y, z as float bits), the right child's, their references. */
    static final int NODE_INTS = 14;
    /**
     * 1 + 2γ(3) (PBRT): widens a slab's far end by the rounding of its float arithmetic. With the
     * ray's own {@link #originSlack}, for the origin rounded to a float, a ray grazing a box is not lost.
     */
    private static final float ROBUST = 1 + 2 * (3 * 0x1p-24f) / (1 - 3 * 0x1p-24f);
    private final Aabb box;
    private final int[] tree;
    /**
     * In a leaf's reference: all its shapes are triangles, so a walk tests them without looking each
     * up (two arrays of a reference per shape, on a large mesh a cache miss each).
     */
    static final int TRIANGLES_ONLY = 16;
    /** The root's reference: an inner node's index, or a leaf ({@link BvhBuild}: complement of first shape × 32 + flags + count). */
    private final int root;
    private final Shape[] shapes;
    /** Per shape: a triangle's first vertex and two edges, or nothing for another shape. */
    private final double[] packed;
    private final Triangle[] triangles;
    /** Per shape: a triangle's material, so that a shadow ray compares references without reading the triangle. */
    private final Material[] triangleMaterials;
    /** The materials triangles have, each once: a shadow ray need only compare per triangle if its light's is among them. */
    private final Material[] materialsOfTriangles;
    private final int depth;

    Bvh(Aabb box, int[] tree, int root, Shape[] shapes, int depth) {
        this.box = box;
        this.tree = tree;
        this.root = root;
        this.shapes = shapes;
        this.depth = depth;
        this.packed = new double[9 * shapes.length];
        this.triangles = new Triangle[shapes.length];
        this.triangleMaterials = new Material[shapes.length];
        Set<Material> materials = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < shapes.length; i++) {
            if (shapes[i] instanceof Triangle t) {
                triangles[i] = t;
                triangleMaterials[i] = t.material();
                materials.add(t.material());
                double[] v = {t.a().x(), t.a().y(), t.a().z(), t.b().x() - t.a().x(), t.b().y() - t.a().y(), t.b().z() - t.a().z(),
                        t.c().x() - t.a().x(), t.c().y() - t.a().y(), t.c().z() - t.a().z()};
                System.arraycopy(v, 0, packed, 9 * i, 9);
            }
        }
        this.materialsOfTriangles = materials.toArray(new Material[0]);
    }

    public static Bvh build(List<Shape> shapes) {
        return BvhBuild.build(shapes);
    }

    @Override
    public boolean intersect(Ray ray, double tMin, double tMax, Hit hit) {
        if (shapes.length == 0 || !box.hit(ray, tMin, tMax)) return false;
        double ox = ray.origin().x(), oy = ray.origin().y(), oz = ray.origin().z();
        double dx = ray.dir().x(), dy = ray.dir().y(), dz = ray.dir().z();
        float fox = (float) ox, foy = (float) oy, foz = (float) oz;
        float ix = (float) (1 / dx), iy = (float) (1 / dy), iz = (float) (1 / dz);
        float slack = originSlack(ox, fox, ix) + originSlack(oy, foy, iy) + originSlack(oz, foz, iz);
        hit.ensureStack(depth + 1);
        int[] stack = hit.nodeStack;
        float[] entry = hit.entryStack;
        float fMin = (float) tMin;
        int sp = 0;
        int ref = root;
        int nearestTriangle = -1;
        boolean any = false;
        while (true) {
            if (ref >= 0) {
                // both children's boxes: into the nearer, the farther one kept for later, and neither if the ray misses it
                int at = NODE_INTS * ref;
                float fMax = (float) tMax;
                float tl = boxEntry(at, fox, foy, foz, ix, iy, iz, fMin, fMax, slack);
                float tr = boxEntry(at + 6, fox, foy, foz, ix, iy, iz, fMin, fMax, slack);
                int left = tree[at + 12];
                int right = tree[at + 13];
                if (tl != Float.POSITIVE_INFINITY) {
                    if (tr != Float.POSITIVE_INFINITY) {
                        boolean leftFirst = tl <= tr;
                        stack[sp] = leftFirst ? right : left;
                        entry[sp++] = leftFirst ? tr : tl;
                        ref = leftFirst ? left : right;
                    } else {
                        ref = left;
                    }
                    continue;
                }
                if (tr != Float.POSITIVE_INFINITY) {
                    ref = right;
                    continue;
                }
            } else {
                int leaf = ~ref;
                int first = leaf >>> 5;
                int end = first + (leaf & 15);
                boolean onlyTriangles = (leaf & TRIANGLES_ONLY) != 0;
                for (int s = first; s < end; s++) {
                    if (onlyTriangles || triangles[s] != null) {
                        double t = triangle(packed, 9 * s, ox, oy, oz, dx, dy, dz, tMin, tMax);
                        if (t == 0) continue;
                        tMax = t;
                        nearestTriangle = s;
                        any = true;
                    } else if (shapes[s].intersect(ray, tMin, tMax, hit)) {
                        tMax = hit.t;
                        nearestTriangle = -1;
                        any = true;
                    }
                }
            }
            // the next kept node that still begins before the nearest hit so far
            while (sp > 0 && entry[sp - 1] >= tMax) sp--;
            if (sp == 0) break;
            ref = stack[--sp];
        }
        if (nearestTriangle >= 0) fillTriangle(nearestTriangle, ray, tMax, hit);
        return any;
    }

    /**
     * Whether anything but a surface of {@code light} lies on the ray between tMin and tMax: a shadow
     * ray, which stops at the first such hit in whatever order. {@code scratch} is overwritten. (Its own
     * method, not a flag of the nearest-hit walk: the JIT profiles each loop on its own, and a shared
     * one kept deoptimizing.)
     */
    public boolean occluded(Ray ray, double tMin, double tMax, Material light, Hit scratch) {
        if (shapes.length == 0 || !box.hit(ray, tMin, tMax)) return false;
        double ox = ray.origin().x(), oy = ray.origin().y(), oz = ray.origin().z();
        double dx = ray.dir().x(), dy = ray.dir().y(), dz = ray.dir().z();
        float fox = (float) ox, foy = (float) oy, foz = (float) oz;
        float ix = (float) (1 / dx), iy = (float) (1 / dy), iz = (float) (1 / dz);
        float slack = originSlack(ox, fox, ix) + originSlack(oy, foy, iy) + originSlack(oz, foz, iz);
        float fMin = (float) tMin, fMax = (float) tMax;
        scratch.ensureStack(depth + 1);
        boolean lightOnTriangles = false;
        for (Material m : materialsOfTriangles) lightOnTriangles |= m == light;
        int[] stack = scratch.nodeStack;
        int sp = 0;
        int ref = root;
        while (true) {
            if (ref >= 0) {
                int at = NODE_INTS * ref;
                boolean l = boxEntry(at, fox, foy, foz, ix, iy, iz, fMin, fMax, slack) != Float.POSITIVE_INFINITY;
                boolean r = boxEntry(at + 6, fox, foy, foz, ix, iy, iz, fMin, fMax, slack) != Float.POSITIVE_INFINITY;
                if (l && r) stack[sp++] = tree[at + 13];
                if (l || r) {
                    ref = tree[l ? at + 12 : at + 13];
                    continue;
                }
            } else {
                int leaf = ~ref;
                int first = leaf >>> 5;
                int end = first + (leaf & 15);
                boolean onlyTriangles = (leaf & TRIANGLES_ONLY) != 0;
                for (int s = first; s < end; s++) {
                    if (onlyTriangles || triangles[s] != null) {
                        if ((!lightOnTriangles || triangleMaterials[s] != light) && triangle(packed, 9 * s, ox, oy, oz, dx, dy, dz, tMin, tMax) != 0) return true;
                    } else if (shapes[s].intersect(ray, tMin, tMax, scratch) && scratch.material != light) {
                        return true;
                    }
                }
            }
            if (sp == 0) return false;
            ref = stack[--sp];
        }
    }

    /**
     * Moller-Trumbore against the triangle packed at {@code k[p]}: its distance within (tMin, tMax),
     * or 0 for a miss (a hit lies beyond tMin, which is never negative). Static, with a 0 for a miss
     * rather than a NaN, to stay under the JIT's inlining size (325 bytes of bytecode): a walk that
     * calls it must save every register it holds. The nearest triangle's (u, v) is worked out
     * again, once, by {@link #fillTriangle}.
     */
    private static double triangle(double[] k, int p, double ox, double oy, double oz, double dx, double dy, double dz, double tMin, double tMax) {
        double e2x = k[p + 6], e2y = k[p + 7], e2z = k[p + 8];
        double px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
        double e1x = k[p + 3], e1y = k[p + 4], e1z = k[p + 5];
        double det = e1x * px + e1y * py + e1z * pz;
        if (Math.abs(det) < 1e-12) return 0;
        double inv = 1 / det;
        double sx = ox - k[p], sy = oy - k[p + 1], sz = oz - k[p + 2];
        double u = (sx * px + sy * py + sz * pz) * inv;
        if (u < 0 || u > 1) return 0;
        double qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
        double v = (dx * qx + dy * qy + dz * qz) * inv;
        if (v < 0 || u + v > 1) return 0;
        double t = (e2x * qx + e2y * qy + e2z * qz) * inv;
        return t > tMin && t < tMax ? t : 0; // a NaN (from a NaN ray) is a miss too
    }

    /**
     * Fills the hit with packed triangle {@code s} met at distance t: its (u, v) by the same steps as
     * {@link #triangle}, and its normal from the packed edges rather than from the triangle's vertex
     * objects (three more cache misses).
     */
    private void fillTriangle(int s, Ray ray, double t, Hit hit) {
        int p = 9 * s;
        double e1x = packed[p + 3], e1y = packed[p + 4], e1z = packed[p + 5];
        double e2x = packed[p + 6], e2y = packed[p + 7], e2z = packed[p + 8];
        double dx = ray.dir().x(), dy = ray.dir().y(), dz = ray.dir().z();
        double px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
        double inv = 1 / (e1x * px + e1y * py + e1z * pz);
        double sx = ray.origin().x() - packed[p], sy = ray.origin().y() - packed[p + 1], sz = ray.origin().z() - packed[p + 2];
        double u = (sx * px + sy * py + sz * pz) * inv;
        double qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
        double v = (dx * qx + dy * qy + dz * qz) * inv;
        Vec3 normal = new Vec3(e1y * e2z - e1z * e2y, e1z * e2x - e1x * e2z, e1x * e2y - e1y * e2x).normalize();
        triangles[s].fill(ray, t, u, v, normal, hit);
    }

    /**
     * Where the ray enters the box at {@code at} in the tree within [tMin, tMax], or infinity if it
     * misses; slab test by comparisons (not min/max), so a NaN from a zero direction component is ignored.
     */
    private float boxEntry(int at, float ox, float oy, float oz, float ix, float iy, float iz, float tMin, float tMax, float slack) {
        float t0 = (Float.intBitsToFloat(tree[at]) - ox) * ix;
        float t1 = (Float.intBitsToFloat(tree[at + 3]) - ox) * ix;
        if (ix < 0) {
            float s = t0;
            t0 = t1;
            t1 = s;
        }
        if (t0 > tMin) tMin = t0;
        if (t1 < tMax) tMax = t1;
        t0 = (Float.intBitsToFloat(tree[at + 1]) - oy) * iy;
        t1 = (Float.intBitsToFloat(tree[at + 4]) - oy) * iy;
        if (iy < 0) {
            float s = t0;
            t0 = t1;
            t1 = s;
        }
        if (t0 > tMin) tMin = t0;
        if (t1 < tMax) tMax = t1;
        t0 = (Float.intBitsToFloat(tree[at + 2]) - oz) * iz;
        t1 = (Float.intBitsToFloat(tree[at + 5]) - oz) * iz;
        if (iz < 0) {
            float s = t0;
            t0 = t1;
            t1 = s;
        }
        if (t0 > tMin) tMin = t0;
        if (t1 < tMax) tMax = t1;
        return tMin <= tMax * ROBUST + slack ? tMin - slack : Float.POSITIVE_INFINITY;
    }

    /**
     * How far rounding one coordinate of the origin to a float can move that axis's slab along the
     * ray, twice over (PBRT's relative bound assumes a float origin; a mesh far from the world's
     * origin rounds by more than a short ray's relative slack). Nothing for an axis the ray runs
     * along (an infinite inverse), where the slab test is a knife edge in doubles too.
     */
    private static float originSlack(double o, float fo, float inverse) {
        float s = 2 * (float) Math.abs(o - fo) * Math.abs(inverse);
        return s < Float.POSITIVE_INFINITY ? s : 0;
    }

    /** Levels from the root to the deepest leaf. */
    int depth() {
        return depth;
    }

    @Override
    public Aabb bounds() {
        return box;
    }
}
