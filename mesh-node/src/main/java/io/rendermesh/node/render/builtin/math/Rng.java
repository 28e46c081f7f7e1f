package io.rendermesh.node.render.builtin.math;

/**
 * A small, fast, seedable generator (SplitMix64): one per pixel and pass, so an image is the same
 * whatever the number of threads or the order of tiles.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public double next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A cosine-weighted direction on the hemisphere around normal n. */
    public Vec3 cosineHemisphere(Vec3 n) {
        double r1 = 2 * Math.PI * next();
        double r2 = next();
        double r = Math.sqrt(r2);
        Vec3 w = n;
        Vec3 a = Math.abs(w.x()) > 0.9 ? new Vec3(0, 1, 0) : new Vec3(1, 0, 0);
        Vec3 u = a.cross(w).normalize();
        Vec3 v = w.cross(u);
        return u.mul(Math.cos(r1) * r).add(v.mul(Math.sin(r1) * r)).add(w.mul(Math.sqrt(1 - r2))).normalize();
    }

    /** A uniform point in the unit sphere (for rough metal). */
    public Vec3 inUnitSphere() {
        for (int i = 0; i < 64; i++) {
            Vec3 p = new Vec3(2 * next() - 1, 2 * next() - 1, 2 * next() - 1);
            if (p.dot(p) < 1) return p;
        }
        return Vec3.ZERO;
    }

    /** A uniform point in the unit disk (for depth of field). */
    public double[] inUnitDisk() {
        double r = Math.sqrt(next());
        double a = 2 * Math.PI * next();
        return new double[] {r * Math.cos(a), r * Math.sin(a)};
    }
}
