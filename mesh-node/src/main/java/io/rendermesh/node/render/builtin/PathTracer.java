package io.rendermesh.node.render.builtin;

import io.rendermesh.node.render.builtin.geometry.Hit;
import io.rendermesh.node.render.builtin.geometry.Quad;
import io.rendermesh.node.render.builtin.geometry.Shape;
import io.rendermesh.node.render.builtin.geometry.Sphere;
import io.rendermesh.node.render.builtin.math.Ray;
import io.rendermesh.node.render.builtin.math.Rng;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Material;
import io.rendermesh.node.render.builtin.scene.Scene;

/**
 * Unidirectional path tracing with next-event estimation: at each diffuse bounce one area light
 * is sampled directly (with a shadow ray), and emission reached by a diffuse bounce is then not
 * counted again. Russian roulette ends long paths without bias. One tracer per thread.
 */
public final class PathTracer {
    static final int MAX_DEPTH = 8;
    static final int ROULETTE_AFTER = 3;
    private static final double EPS = 1e-4;

    private final Scene scene;
    /** Reused by every ray of this tracer, with the BVH's walk scratch: a tracer belongs to one thread. */
    private final Hit hit = new Hit();
    private final Hit shadow = new Hit();

    public PathTracer(Scene scene) {
        this.scene = scene;
    }

    /**
     * The radiance along the ray. The path's throughput and sum are kept in plain doubles, in the
     * order of operations of the vector form: vectors carried round the loop are allocated at every
     * bounce (the JIT cannot keep them in registers across it), millions of times a second.
     */
    public Vec3 radiance(Ray ray, Rng rng) {
        double rx = 0, ry = 0, rz = 0;
        double bx = 1, by = 1, bz = 1;
        boolean countEmission = true;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            if (!scene.intersect(ray, EPS, Double.POSITIVE_INFINITY, hit)) {
                Vec3 sky = scene.sky(ray.dir());
                rx += bx * sky.x();
                ry += by * sky.y();
                rz += bz * sky.z();
                break;
            }
            Material m = hit.material;
            if (m.kind() == Material.Kind.EMISSIVE) {
                if (countEmission) {
                    Vec3 e = m.emission();
                    rx += bx * e.x();
                    ry += by * e.y();
                    rz += bz * e.z();
                }
                break;
            }
            Vec3 albedo = m.albedo(hit.u, hit.v);
            double ax = albedo.x(), ay = albedo.y(), az = albedo.z();
            Vec3 n = hit.normal;
            Vec3 dir;
            switch (m.kind()) {
                case DIFFUSE -> {
                    Vec3 light = direct(hit.point, n, rng, shadow);
                    rx += bx * ax * light.x() * (1 / Math.PI);
                    ry += by * ay * light.y() * (1 / Math.PI);
                    rz += bz * az * light.z() * (1 / Math.PI);
                    dir = rng.cosineHemisphere(n);
                    countEmission = false;
                }
                case METAL -> {
                    dir = ray.dir().reflect(n).add(rng.inUnitSphere().mul(m.roughness())).normalize();
                    if (dir.dot(n) <= 0) return new Vec3(rx, ry, rz);
                    countEmission = true;
                }
                default -> {
                    dir = refract(ray.dir(), n, hit.frontFace ? 1 / m.ior() : m.ior(), rng);
                    countEmission = true;
                }
            }
            bx *= ax;
            by *= ay;
            bz *= az;
            ray = new Ray(hit.point, dir);
            if (depth >= ROULETTE_AFTER) {
                double p = Math.min(0.95, Math.max(bx, Math.max(by, bz)));
                if (rng.next() >= p) break;
                double keep = 1 / p;
                bx *= keep;
                by *= keep;
                bz *= keep;
            }
        }
        return new Vec3(rx, ry, rz);
    }

    /** Light arriving at p from one randomly chosen area light, times the cosine at p (divided by nothing: the caller applies the BRDF). */
    Vec3 direct(Vec3 p, Vec3 n, Rng rng, Hit shadow) {
        int count = scene.lights().size();
        if (count == 0) return Vec3.ZERO;
        Shape light = scene.lights().get(Math.min(count - 1, (int) (rng.next() * count)));
        Vec3 point;
        Vec3 lightNormal;
        double area;
        Material lm;
        if (light instanceof Quad q) {
            point = q.corner().add(q.edge1().mul(rng.next())).add(q.edge2().mul(rng.next()));
            lightNormal = q.normal();
            area = q.area();
            lm = q.material();
        } else if (light instanceof Sphere s) {
            Vec3 d = rng.inUnitSphere().normalize();
            if (d.dot(d) == 0) return Vec3.ZERO;
            point = s.center().add(d.mul(s.radius()));
            lightNormal = d;
            area = 4 * Math.PI * s.radius() * s.radius();
            lm = s.material();
        } else {
            return Vec3.ZERO;
        }
        Vec3 toLight = point.sub(p);
        double dist2 = toLight.dot(toLight);
        double dist = Math.sqrt(dist2);
        Vec3 wi = toLight.mul(1 / dist);
        double cosSurface = wi.dot(n);
        double cosLight = Math.abs(wi.dot(lightNormal));
        if (cosSurface <= 0 || cosLight <= 0) return Vec3.ZERO;
        if (scene.occluded(new Ray(p, wi), EPS, dist - 1e-3, lm, shadow)) return Vec3.ZERO;
        return lm.emission().mul(cosSurface * cosLight * area * count / dist2);
    }

    /** Refraction or reflection through a dielectric, chosen by Schlick's Fresnel approximation. */
    static Vec3 refract(Vec3 d, Vec3 n, double eta, Rng rng) {
        double cos = Math.min(-d.dot(n), 1);
        double sin2 = 1 - cos * cos;
        boolean cannot = eta * eta * sin2 > 1;
        double r0 = (1 - eta) / (1 + eta);
        r0 *= r0;
        double fresnel = r0 + (1 - r0) * Math.pow(1 - cos, 5);
        if (cannot || rng.next() < fresnel) return d.reflect(n);
        Vec3 perp = d.add(n.mul(cos)).mul(eta);
        Vec3 par = n.mul(-Math.sqrt(Math.abs(1 - perp.dot(perp))));
        return perp.add(par).normalize();
    }
}
