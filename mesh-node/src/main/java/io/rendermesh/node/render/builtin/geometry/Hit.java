package io.rendermesh.node.render.builtin.geometry;

import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;

/** The nearest intersection found so far; reused along a path to spare allocations. */
public final class Hit {
    public double t;
    public Vec3 point;
    /** Unit normal facing against the incoming ray. */
    public Vec3 normal;
    public boolean frontFace;
    public double u;
    public double v;
    public Material material;
    /** The BVH walk's scratch, kept with the hit so that a ray allocates none (at millions of rays a second, that is gigabytes). */
    int[] nodeStack = new int[0];
    float[] entryStack = new float[0];

    void ensureStack(int size) {
        if (nodeStack.length < size) {
            nodeStack = new int[size];
            entryStack = new float[size];
        }
    }

    public void setFace(Ray ray, Vec3 outward) {
        frontFace = ray.dir().dot(outward) < 0;
        normal = frontFace ? outward : outward.negate();
    }
}
