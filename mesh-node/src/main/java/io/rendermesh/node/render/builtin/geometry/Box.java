package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;
import java.util.List;

/** A box as six quads, rotated about its vertical axis by {@code rotateY} degrees around its center. */
public final class Box {
    private Box() {
    }

    public static List<Shape> of(Vec3 min, Vec3 max, double rotateY, Material m) {
        Vec3 center = min.add(max).mul(0.5);
        Vec3 h = max.sub(min).mul(0.5);
        Vec3 dx = new Vec3(2 * h.x(), 0, 0).rotateY(rotateY);
        Vec3 dy = new Vec3(0, 2 * h.y(), 0);
        Vec3 dz = new Vec3(0, 0, 2 * h.z()).rotateY(rotateY);
        Vec3 o = center.sub(dx.mul(0.5)).sub(dy.mul(0.5)).sub(dz.mul(0.5));
        return List.of(
                new Quad(o, dz, dy, m), new Quad(o.add(dx), dy, dz, m),
                new Quad(o, dx, dz, m), new Quad(o.add(dy), dz, dx, m),
                new Quad(o, dy, dx, m), new Quad(o.add(dz), dx, dy, m));
    }
}
