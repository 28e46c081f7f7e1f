package io.rendermesh.node.render.builtin.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Rng;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BVH against a brute-force test of every shape: the same nearest hit, the same shadows. */
class BvhTest {
    private static final Material GREY = Material.diffuse(new Vec3(0.5, 0.5, 0.5));
    private static final Material LIGHT = Material.diffuse(new Vec3(1, 1, 1));

    @Test
    void findsTheSameNearestHitsAsBruteForceAmongSpheresQuadsAndTriangles() {
        Rng rng = new Rng(99);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Vec3 c = new Vec3(rng.next() * 20 - 10, rng.next() * 20 - 10, rng.next() * 20 - 10);
            Material m = i % 7 == 0 ? LIGHT : GREY;
            switch (i % 3) {
                case 0 -> shapes.add(new Sphere(c, 0.2 + rng.next(), m));
                case 1 -> shapes.add(new Quad(c, new Vec3(rng.next(), 0, 0), new Vec3(0, rng.next(), rng.next()), m));
                default -> shapes.add(new Triangle(c, c.add(new Vec3(rng.next(), rng.next(), 0)), c.add(new Vec3(0, rng.next(), rng.next())),
                        new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, m));
            }
        }
        agreesWithBruteForce(shapes, rng, 3_000);
    }

    /** A torus of long thin triangles, the mesh a median split handles worst. */
    @Test
    void findsTheSameNearestHitsOnAFineMesh() {
        List<Shape> shapes = new ArrayList<>();
        int u = 120;
        int v = 24;
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                Vec3 a = torus(i, j, u, v);
                Vec3 b = torus(i + 1, j, u, v);
                Vec3 c = torus(i + 1, j + 1, u, v);
                Vec3 d = torus(i, j + 1, u, v);
                shapes.add(new Triangle(a, b, c, null, null, null, GREY));
                shapes.add(new Triangle(a, c, d, null, null, null, GREY));
            }
        }
        agreesWithBruteForce(shapes, new Rng(7), 3_000);
    }

    /**
     * Rays skimming a floor from just above it, far from the world's origin (a contact shadow on a
     * scene modelled in centimetres): the walk's box tests run in floats, and the ray's origin rounded
     * to a float moves the floor's thin box along the ray by more than the short way to the floor,
     * which lost such hits until the tests allowed for it.
     */
    @Test
    void raysSkimmingAFloorFarFromTheOriginHitIt() {
        double y = 1000.3;
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                Vec3 a = new Vec3(990 + i, y, -1010 + j);
                Vec3 b = new Vec3(991 + i, y, -1010 + j);
                Vec3 c = new Vec3(991 + i, y, -1009 + j);
                Vec3 d = new Vec3(990 + i, y, -1009 + j);
                shapes.add(new Triangle(a, b, c, null, null, null, GREY));
                shapes.add(new Triangle(a, c, d, null, null, null, GREY));
            }
        }
        Bvh bvh = Bvh.build(shapes);
        Rng rng = new Rng(5);
        for (int k = 0; k < 20_000; k++) {
            Vec3 from = new Vec3(995 + rng.next() * 10, y + 1e-5 + rng.next() * 1e-4, -1005 + rng.next() * 10);
            Ray r = new Ray(from, new Vec3(rng.next() - 0.5, -0.002 - rng.next() * 0.01, rng.next() - 0.5).normalize());
            double t = (from.y() - y) / -r.dir().y();
            Hit hit = new Hit();
            assertTrue(bvh.intersect(r, 1e-6, 1e9, hit), "ray " + k + " meets the floor at " + t);
            assertEquals(t, hit.t, 1e-6, "ray " + k);
            assertTrue(bvh.occluded(r, 1e-6, 1e9, LIGHT, new Hit()), "shadow ray " + k);
        }
    }

    /** Shapes whose centroids all coincide cannot be binned: they are still split, and found. */
    @Test
    void shapesAtOnePlaceAreStillAllFound() {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 50; i++) shapes.add(new Sphere(Vec3.ZERO, 1 + i * 0.01, GREY));
        Bvh bvh = Bvh.build(shapes);
        Hit hit = new Hit();
        assertTrue(bvh.intersect(new Ray(new Vec3(0, 0, 5), new Vec3(0, 0, -1)), 1e-4, 1e9, hit));
        assertEquals(5 - 1.49, hit.t, 1e-9, "the largest sphere is nearest");
    }

    /** Spheres ever further apart: each binned split would peel one off; past a depth the build halves instead. */
    @Test
    void shapesLaidOutUnevenlyStillMakeAShallowTree() {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 250; i++) shapes.add(new Sphere(new Vec3(Math.pow(16, i), 0, 0), 0.01, GREY));
        Bvh bvh = Bvh.build(shapes);
        assertTrue(bvh.depth() <= 64, "depth " + bvh.depth());
        Hit hit = new Hit();
        double x = Math.pow(16, 123);
        assertTrue(bvh.intersect(new Ray(new Vec3(x, 5, 0), new Vec3(0, -1, 0)), 1e-4, 1e9, hit));
        assertEquals(5 - 0.01, hit.t, 1e-9);
    }

    @Test
    void anEmptyHierarchyIsNeverHit() {
        Bvh bvh = Bvh.build(List.of());
        assertFalse(bvh.intersect(new Ray(Vec3.ZERO, new Vec3(0, 0, -1)), 1e-4, 1e9, new Hit()));
        assertFalse(bvh.occluded(new Ray(Vec3.ZERO, new Vec3(0, 0, -1)), 1e-4, 1e9, LIGHT, new Hit()));
    }

    @Test
    void aTriangleHitCarriesItsTextureCoordinatesNormalAndMaterial() {
        Triangle t = new Triangle(new Vec3(-1, -1, -3), new Vec3(1, -1, -3), new Vec3(-1, 1, -3),
                new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, LIGHT);
        Bvh bvh = Bvh.build(List.of(t, new Sphere(new Vec3(5, 5, 5), 0.1, GREY)));
        Hit hit = new Hit();
        assertTrue(bvh.intersect(new Ray(Vec3.ZERO, new Vec3(0, 0, -1)), 1e-4, 1e9, hit));
        assertEquals(3, hit.t, 1e-12);
        assertEquals(0.5, hit.u, 1e-12);
        assertEquals(0.5, hit.v, 1e-12);
        assertEquals(new Vec3(0, 0, 1), hit.normal);
        assertSame(LIGHT, hit.material);
    }

    private static Vec3 torus(int i, int j, int u, int v) {
        double a = 2 * Math.PI * i / u;
        double b = 2 * Math.PI * j / v;
        double r = 3 + 0.4 * Math.cos(b);
        return new Vec3(r * Math.cos(a), 0.4 * Math.sin(b), r * Math.sin(a));
    }

    private static void agreesWithBruteForce(List<Shape> shapes, Rng rng, int rays) {
        Bvh bvh = Bvh.build(shapes);
        int hits = 0;
        int shadowed = 0;
        for (int i = 0; i < rays; i++) {
            // towards a point within the shapes' bounds, so that most rays meet something
            Vec3 from = new Vec3(rng.next() * 30 - 15, rng.next() * 30 - 15, rng.next() * 30 - 15);
            Vec3 size = bvh.bounds().max().sub(bvh.bounds().min());
            Vec3 to = bvh.bounds().min().add(new Vec3(rng.next() * size.x(), rng.next() * size.y(), rng.next() * size.z()));
            Ray r = new Ray(from, to.sub(from).normalize());
            double reach = 1 + rng.next() * 25;
            Hit a = new Hit();
            boolean fast = bvh.intersect(r, 1e-4, 1e9, a);
            Hit b = new Hit();
            boolean brute = false;
            double tMax = 1e9;
            boolean blocked = false;
            for (Shape s : shapes) {
                if (s.intersect(r, 1e-4, tMax, b)) {
                    brute = true;
                    tMax = b.t;
                }
                Hit c = new Hit();
                if (s.intersect(r, 1e-4, reach, c) && c.material != LIGHT) blocked = true;
            }
            assertEquals(brute, fast, "ray " + i);
            if (brute) {
                hits++;
                assertEquals(b.t, a.t, 1e-9, "ray " + i);
                assertEquals(b.normal, a.normal, "ray " + i);
                assertEquals(b.u, a.u, 1e-9, "ray " + i);
                assertSame(b.material, a.material, "ray " + i);
            }
            assertEquals(blocked, bvh.occluded(r, 1e-4, reach, LIGHT, new Hit()), "shadow ray " + i);
            if (blocked) shadowed++;
        }
        assertTrue(hits > rays / 5 && shadowed > rays / 10, "the rays meet the shapes often enough to test anything: " + hits + " hits, " + shadowed + " shadowed");
    }
}
