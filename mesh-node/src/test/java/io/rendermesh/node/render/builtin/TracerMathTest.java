package io.rendermesh.node.render.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.builtin.geometry.Bvh;
import io.rendermesh.node.render.builtin.geometry.Hit;
import io.rendermesh.node.render.builtin.geometry.Plane;
import io.rendermesh.node.render.builtin.geometry.Quad;
import io.rendermesh.node.render.builtin.geometry.Sphere;
import io.rendermesh.node.render.builtin.geometry.Triangle;
import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Rng;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Camera;
import io.rendermesh.node.render.builtin.scene.Keyframes;
import io.rendermesh.node.render.builtin.scene.Material;
import io.rendermesh.node.render.builtin.scene.Scene;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracerMathTest {
    private static final Material GREY = Material.diffuse(new Vec3(0.5, 0.5, 0.5));

    @Test
    void rayHitsASphereAtItsNearSideWithAnOutwardNormal() {
        Hit h = new Hit();
        assertTrue(new Sphere(new Vec3(0, 0, -5), 1, GREY).intersect(new Ray(Vec3.ZERO, new Vec3(0, 0, -1)), 1e-4, 1e9, h));
        assertEquals(4, h.t, 1e-9);
        assertEquals(1, h.normal.z(), 1e-9);
        assertTrue(h.frontFace);
    }

    @Test
    void rayInsideASphereHitsTheFarSideFromWithin() {
        Hit h = new Hit();
        assertTrue(new Sphere(Vec3.ZERO, 2, GREY).intersect(new Ray(Vec3.ZERO, new Vec3(1, 0, 0)), 1e-4, 1e9, h));
        assertEquals(2, h.t, 1e-9);
        assertFalse(h.frontFace);
        assertEquals(-1, h.normal.x(), 1e-9);
    }

    @Test
    void rayMissesShapesBesideIt() {
        Hit h = new Hit();
        Ray r = new Ray(Vec3.ZERO, new Vec3(0, 0, -1));
        assertFalse(new Sphere(new Vec3(3, 0, -5), 1, GREY).intersect(r, 1e-4, 1e9, h));
        assertFalse(new Quad(new Vec3(2, -1, -3), new Vec3(1, 0, 0), new Vec3(0, 2, 0), GREY).intersect(r, 1e-4, 1e9, h));
        assertFalse(new Plane(new Vec3(0, -1, 0), new Vec3(0, 1, 0), GREY).intersect(r, 1e-4, 1e9, h));
    }

    @Test
    void rayHitsQuadTriangleAndPlane() {
        Hit h = new Hit();
        Ray down = new Ray(new Vec3(0.2, 5, 0.2), new Vec3(0, -1, 0));
        assertTrue(new Plane(Vec3.ZERO, new Vec3(0, 1, 0), GREY).intersect(down, 1e-4, 1e9, h));
        assertEquals(5, h.t, 1e-9);
        assertTrue(new Quad(new Vec3(-1, 1, -1), new Vec3(2, 0, 0), new Vec3(0, 0, 2), GREY).intersect(down, 1e-4, 1e9, h));
        assertEquals(4, h.t, 1e-9);
        assertTrue(new Triangle(new Vec3(-1, 2, -1), new Vec3(1, 2, -1), new Vec3(0, 2, 1), null, null, null, GREY)
                .intersect(down, 1e-4, 1e9, h));
        assertEquals(3, h.t, 1e-9);
    }

    /** A white furnace: a grey diffuse sphere under a uniform white sky never returns more light than arrives. */
    @Test
    void energyDoesNotGrowInAWhiteFurnace() {
        for (double albedo : new double[] {0.5, 0.9, 1.0}) {
            Material m = Material.diffuse(new Vec3(albedo, albedo, albedo));
            Scene scene = new Scene(Bvh.build(List.of(new Sphere(Vec3.ZERO, 1, m))), List.of(), List.of(),
                    new Camera(new Vec3(0, 0, 4), Vec3.ZERO, new Vec3(0, 1, 0), 20, 0, 0, 1), Vec3.ONE, Vec3.ONE);
            PathTracer tracer = new PathTracer(scene);
            Rng rng = new Rng(5);
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) sum += tracer.radiance(new Ray(new Vec3(0, 0, 4), new Vec3(0, 0, -1)), rng).x();
            double mean = sum / n;
            assertTrue(mean <= 1.0 + 0.02, "albedo " + albedo + " returned " + mean);
            if (albedo == 1.0) assertEquals(1.0, mean, 0.02, "a white sphere in a white furnace disappears");
        }
    }

    @Test
    void keyframesInterpolateLinearlyOrSmoothlyAndHoldOutsideTheirRange() {
        Keyframes<Double> linear = new Keyframes<>(List.of(1, 11), List.of(0.0, 10.0), false);
        assertEquals(0.0, linear.at(-5));
        assertEquals(5.0, linear.at(6), 1e-9);
        assertEquals(10.0, linear.at(40));
        Keyframes<Double> smooth = new Keyframes<>(List.of(1, 11), List.of(0.0, 10.0), true);
        assertEquals(5.0, smooth.at(6), 1e-9);
        assertTrue(smooth.at(2) < linear.at(2), "smooth eases in");
        Keyframes<Vec3> v = new Keyframes<>(List.of(0, 2), List.of(Vec3.ZERO, new Vec3(2, 4, 6)), false);
        assertEquals(new Vec3(1, 2, 3), v.at(1));
    }
}
