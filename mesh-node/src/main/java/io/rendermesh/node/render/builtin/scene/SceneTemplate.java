package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.geometry.Box;
import io.rendermesh.node.render.builtin.geometry.Bvh;
import io.rendermesh.node.render.builtin.geometry.Plane;
import io.rendermesh.node.render.builtin.geometry.Quad;
import io.rendermesh.node.render.builtin.geometry.Shape;
import io.rendermesh.node.render.builtin.geometry.Sphere;
import io.rendermesh.node.render.builtin.geometry.Triangle;
import io.rendermesh.node.render.builtin.math.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A loaded scene file: everything needed to build the {@link Scene} of any frame. */
public final class SceneTemplate {
    record CameraSpec(Vec3 position, Vec3 lookAt, Vec3 up, double fov, double aperture, double focusDistance, Animated anim) {
    }

    record MaterialSpec(Material base, Animated anim) {
        Material at(double frame) {
            return base.withColor(anim.vec("color", frame, base.color()));
        }
    }

    /** One object; {@code material} null for meshes that bring their own materials. */
    record ObjectSpec(String type, Map<String, Object> params, String material, GltfImport.Mesh mesh, Animated anim) {
    }

    private final CameraSpec camera;
    private final Map<String, MaterialSpec> materials;
    private final List<ObjectSpec> objects;
    private final Vec3 skyTop;
    private final Vec3 skyBottom;
    /** A camera from a glTF file, used instead of {@code camera} when set. */
    private CameraSource cameraSource;

    interface CameraSource {
        Camera at(double frame, double aspect);
    }

    SceneTemplate withCamera(CameraSource source) {
        this.cameraSource = source;
        return this;
    }

    SceneTemplate(CameraSpec camera, Map<String, MaterialSpec> materials, List<ObjectSpec> objects, Vec3 skyTop, Vec3 skyBottom) {
        this.camera = camera;
        this.materials = materials;
        this.objects = objects;
        this.skyTop = skyTop;
        this.skyBottom = skyBottom;
    }

    public Scene at(double frame, double aspect) {
        List<Shape> finite = new ArrayList<>();
        List<Plane> planes = new ArrayList<>();
        List<Shape> lights = new ArrayList<>();
        for (ObjectSpec o : objects) {
            Material m = o.material() == null ? null : materials.get(o.material()).at(frame);
            Vec3 t = o.anim().vec("translate", frame, (Vec3) o.params().getOrDefault("translate", Vec3.ZERO));
            double ry = o.anim().num("rotateY", frame, (Double) o.params().getOrDefault("rotateY", 0.0));
            List<Shape> made = new ArrayList<>();
            switch (o.type()) {
                case "sphere" -> made.add(new Sphere(((Vec3) o.params().get("center")).rotateY(ry).add(t),
                        o.anim().num("radius", frame, (Double) o.params().get("radius")), m));
                case "plane" -> planes.add(new Plane(((Vec3) o.params().get("point")).add(t), (Vec3) o.params().get("normal"), m));
                case "box" -> made.addAll(Box.of(((Vec3) o.params().get("min")).add(t), ((Vec3) o.params().get("max")).add(t), ry, m));
                case "quad" -> made.add(new Quad(((Vec3) o.params().get("corner")).rotateY(ry).add(t),
                        ((Vec3) o.params().get("edge1")).rotateY(ry), ((Vec3) o.params().get("edge2")).rotateY(ry), m));
                case "mesh" -> {
                    for (Triangle tri : o.mesh().at(frame)) {
                        made.add(new Triangle(tri.a().rotateY(ry).add(t), tri.b().rotateY(ry).add(t), tri.c().rotateY(ry).add(t),
                                tri.uvA(), tri.uvB(), tri.uvC(), m != null ? m : tri.material()));
                    }
                }
                default -> throw new IllegalStateException(o.type());
            }
            finite.addAll(made);
            if (m != null && m.kind() == Material.Kind.EMISSIVE) lights.addAll(made);
        }
        CameraSpec c = camera;
        Camera cam = cameraSource != null ? cameraSource.at(frame, aspect) : new Camera(c.anim().vec("position", frame, c.position()), c.anim().vec("lookAt", frame, c.lookAt()), c.up(),
                c.anim().num("fov", frame, c.fov()), c.aperture(), c.anim().num("focusDistance", frame, c.focusDistance()), aspect);
        return new Scene(Bvh.build(finite), planes, lights, cam, skyTop, skyBottom);
    }
}
