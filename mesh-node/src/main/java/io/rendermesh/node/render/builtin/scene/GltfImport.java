package io.rendermesh.node.render.builtin.scene;

import de.javagl.jgltf.model.AccessorData;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MaterialModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SceneModel;
import de.javagl.jgltf.model.TextureModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import io.rendermesh.node.render.builtin.geometry.Triangle;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.input.BundleFolder;
import io.rendermesh.node.render.input.ImageBounds;
import io.rendermesh.protocol.model.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * glTF 2.0 (.gltf, .glb) import: triangle meshes under their node transforms, base colour
 * factor and texture, metallic/roughness and emissive factors mapped to the tracer's materials.
 * Every URI in the file is checked first ({@link GltfReferences}): the glTF library follows any.
 */
public final class GltfImport {
    private GltfImport() {
    }

    /** A glTF file as a mesh object of a scene: its triangles at any frame (animations applied). */
    public static final class Mesh {
        private final GltfModel model;
        private final double scale;
        private final Map<MaterialModel, Material> materials = new HashMap<>();
        private final List<Triangle> still;

        /** @param folder the job's folder: the file and everything it references must be inside */
        public Mesh(BundleFolder folder, Path file, double scale) {
            this.model = read(folder, file);
            this.scale = scale;
            this.still = GltfAnimation.present(model) ? null : collect(model, scale, materials, file);
            if (still == null) collect(model, scale, materials, file);
        }

        public synchronized List<Triangle> at(double frame) {
            if (still != null) return still;
            GltfAnimation.apply(model, frame);
            return collect(model, scale, materials, null);
        }

        /** The glTF file's first camera at a frame, or null when it has none. */
        synchronized Camera camera(double frame, double aspect) {
            if (still == null) GltfAnimation.apply(model, frame);
            return GltfImport.camera(model, aspect);
        }
    }

    static GltfModel read(BundleFolder folder, Path file) {
        GltfReferences.check(folder, file);
        try {
            return new GltfModelReader().read(file);
        } catch (Exception e) {
            throw new InvalidInputException("cannot read glTF file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    public static List<Triangle> triangles(BundleFolder folder, Path file, double scale) {
        return new Mesh(folder, file, scale).at(1);
    }

    private static List<Triangle> collect(GltfModel model, double scale, Map<MaterialModel, Material> materials, Path file) {
        List<Triangle> out = new ArrayList<>();
        List<NodeModel> roots = new ArrayList<>();
        for (SceneModel s : model.getSceneModels()) roots.addAll(s.getNodeModels());
        if (roots.isEmpty()) roots.addAll(model.getNodeModels());
        for (NodeModel root : roots) collect(root, scale, materials, out);
        if (out.isEmpty()) {
            throw new InvalidInputException("glTF file " + (file == null ? "" : file.getFileName() + " ") + "holds no triangle meshes");
        }
        return out;
    }

    /** The first camera node: it looks down its local -Z axis, with its vertical field of view. */
    static Camera camera(GltfModel model, double aspect) {
        for (NodeModel node : model.getNodeModels()) {
            if (node.getCameraModel() == null || node.getCameraModel().getCameraPerspectiveModel() == null) continue;
            float[] m = node.computeGlobalTransform(null);
            Vec3 position = new Vec3(m[12], m[13], m[14]);
            Vec3 forward = new Vec3(-m[8], -m[9], -m[10]).normalize();
            Vec3 up = new Vec3(m[4], m[5], m[6]).normalize();
            Float yfov = node.getCameraModel().getCameraPerspectiveModel().getYfov();
            double fov = yfov == null ? 45 : Math.toDegrees(yfov);
            return new Camera(position, position.add(forward), up, fov, 0, 0, aspect);
        }
        return null;
    }

    private static void collect(NodeModel node, double scale, Map<MaterialModel, Material> materials, List<Triangle> out) {
        float[] m = node.computeGlobalTransform(null);
        for (MeshModel mesh : node.getMeshModels()) {
            for (MeshPrimitiveModel prim : mesh.getMeshPrimitiveModels()) {
                if (prim.getMode() != 4) continue; // triangles only
                AccessorModel pos = prim.getAttributes().get("POSITION");
                if (pos == null) continue;
                AccessorFloatData p = (AccessorFloatData) pos.getAccessorData();
                AccessorModel uvModel = prim.getAttributes().get("TEXCOORD_0");
                AccessorData uv = uvModel == null ? null : uvModel.getAccessorData();
                Material mat = materials.computeIfAbsent(prim.getMaterialModel(), GltfImport::material);
                int[] idx = indices(prim, pos.getCount());
                for (int i = 0; i + 2 < idx.length; i += 3) {
                    out.add(new Triangle(point(p, idx[i], m, scale), point(p, idx[i + 1], m, scale), point(p, idx[i + 2], m, scale),
                            uv(uv, idx[i]), uv(uv, idx[i + 1]), uv(uv, idx[i + 2]), mat));
                }
            }
        }
        for (NodeModel child : node.getChildren()) collect(child, scale, materials, out);
    }

    private static int[] indices(MeshPrimitiveModel prim, int count) {
        AccessorModel im = prim.getIndices();
        if (im == null) {
            int[] seq = new int[count];
            for (int i = 0; i < count; i++) seq[i] = i;
            return seq;
        }
        AccessorData d = im.getAccessorData();
        int[] out = new int[im.getCount()];
        for (int i = 0; i < out.length; i++) {
            if (d instanceof de.javagl.jgltf.model.AccessorIntData a) out[i] = a.get(i);
            else if (d instanceof de.javagl.jgltf.model.AccessorShortData s) out[i] = s.getInt(i);
            else if (d instanceof de.javagl.jgltf.model.AccessorByteData b) out[i] = b.getInt(i);
            else throw new InvalidInputException("unsupported glTF index type");
        }
        return out;
    }

    private static Vec3 point(AccessorFloatData p, int i, float[] m, double scale) {
        double x = p.get(i, 0);
        double y = p.get(i, 1);
        double z = p.get(i, 2);
        // column-major 4x4
        return new Vec3(m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13],
                m[2] * x + m[6] * y + m[10] * z + m[14]).mul(scale);
    }

    private static double[] uv(AccessorData uv, int i) {
        if (!(uv instanceof AccessorFloatData f)) return null;
        return new double[] {f.get(i, 0), f.get(i, 1)};
    }

    static Material material(MaterialModel model) {
        if (!(model instanceof MaterialModelV2 m)) return Material.diffuse(new Vec3(0.8, 0.8, 0.8));
        float[] c = m.getBaseColorFactor();
        Vec3 color = c == null ? new Vec3(1, 1, 1) : new Vec3(c[0], c[1], c[2]);
        float[] e = m.getEmissiveFactor();
        if (e != null && (e[0] > 0 || e[1] > 0 || e[2] > 0)) {
            Vec3 em = new Vec3(e[0], e[1], e[2]);
            return new Material(Material.Kind.EMISSIVE, em, 0, 1, em.mul(5), null, 1);
        }
        Texture texture = texture(m.getBaseColorTexture());
        if (c != null && c.length > 3 && c[3] < 0.5) return new Material(Material.Kind.GLASS, color, 0, 1.5, Vec3.ZERO, null, 1);
        if (m.getMetallicFactor() > 0.5) {
            return new Material(Material.Kind.METAL, color, m.getRoughnessFactor(), 1, Vec3.ZERO, texture, 1);
        }
        return new Material(Material.Kind.DIFFUSE, color, 0, 1, Vec3.ZERO, texture, 1);
    }

    private static Texture texture(TextureModel t) {
        if (t == null || t.getImageModel() == null) return null;
        try {
            ByteBuffer data = t.getImageModel().getImageData();
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            return new Texture(ImageBounds.TEXTURE.read(bytes, "in a glTF texture"));
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot read a glTF texture: " + e.getMessage());
        }
    }

    /** A glTF file rendered on its own: its meshes on a floor, a sky, a key light, and a camera framing them. */
    static SceneTemplate asScene(BundleFolder folder, Path file) {
        Mesh mesh = new Mesh(folder, file, 1);
        List<Triangle> tris = mesh.at(1);
        Vec3 min = tris.get(0).a();
        Vec3 max = min;
        for (Triangle t : tris) {
            min = Vec3.min(min, Vec3.min(t.a(), Vec3.min(t.b(), t.c())));
            max = Vec3.max(max, Vec3.max(t.a(), Vec3.max(t.b(), t.c())));
        }
        Vec3 center = min.add(max).mul(0.5);
        double size = Math.max(1e-3, max.sub(min).length());
        Map<String, SceneTemplate.MaterialSpec> mats = new LinkedHashMap<>();
        Animated still = new Animated();
        mats.put("floor", new SceneTemplate.MaterialSpec(Material.diffuse(new Vec3(0.6, 0.6, 0.6)), still));
        mats.put("light", new SceneTemplate.MaterialSpec(new Material(Material.Kind.EMISSIVE, Vec3.ONE, 0, 1, new Vec3(8, 8, 8), null, 1), still));
        List<SceneTemplate.ObjectSpec> objects = new ArrayList<>();
        objects.add(new SceneTemplate.ObjectSpec("mesh", Map.of(), null, mesh, still));
        objects.add(new SceneTemplate.ObjectSpec("plane", Map.of("point", new Vec3(0, min.y(), 0), "normal", new Vec3(0, 1, 0)),
                "floor", null, still));
        Vec3 lightCorner = center.add(new Vec3(-size / 2, size * 1.5, -size / 2));
        objects.add(new SceneTemplate.ObjectSpec("quad", Map.of("corner", lightCorner, "edge1", new Vec3(size, 0, 0),
                "edge2", new Vec3(0, 0, size)), "light", null, still));
        Vec3 eye = center.add(new Vec3(size * 0.9, size * 0.6, size * 1.2));
        SceneTemplate template = new SceneTemplate(new SceneTemplate.CameraSpec(eye, center, new Vec3(0, 1, 0), 40, 0, 0, still), mats,
                objects, new Vec3(0.5, 0.7, 1.0), new Vec3(1, 1, 1));
        return mesh.camera(1, 1) == null ? template : template.withCamera(mesh::camera);
    }
}
