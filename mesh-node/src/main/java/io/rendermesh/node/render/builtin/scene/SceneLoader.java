package io.rendermesh.node.render.builtin.scene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.input.BundleFolder;
import io.rendermesh.node.render.input.ImageBounds;
import io.rendermesh.protocol.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scene file (docs/scene-format.md), or a glTF/GLB file as a whole scene, checking
 * everything a render would trip over: unknown materials, missing textures, bad keyframes.
 * Paths inside a scene are relative to its folder and may not leave it ({@link BundleFolder}); images
 * are decoded only after their header passes {@link ImageBounds#TEXTURE}.
 */
public final class SceneLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("camera", "sky", "materials", "objects");

    private SceneLoader() {
    }

    /** A scene whose folder holds everything it may name (a bundled scene). */
    public static SceneTemplate load(Path sceneFile) {
        return load(new BundleFolder(sceneFile.toAbsolutePath().getParent()), sceneFile);
    }

    /** A scene of a job: every file it names is resolved through {@code folder}, the job's folder. */
    public static SceneTemplate load(BundleFolder folder, Path sceneFile) {
        String name = sceneFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gltf") || name.endsWith(".glb")) return GltfImport.asScene(folder, sceneFile);
        JsonNode root;
        try {
            root = JSON.readTree(sceneFile.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("scene " + sceneFile.getFileName() + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new InvalidInputException("scene must be a JSON object");
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) throw new InvalidInputException("scene: unknown field '" + f + "' (use camera, sky, materials, objects)");
        });
        Path dir = sceneFile.toAbsolutePath().getParent();
        Map<String, SceneTemplate.MaterialSpec> materials = materials(root.path("materials"), folder, dir);
        List<SceneTemplate.ObjectSpec> objects = objects(root.path("objects"), materials, folder, dir);
        JsonNode sky = root.path("sky");
        return new SceneTemplate(camera(root.path("camera")), materials, objects,
                sky.isMissingNode() ? new Vec3(0.5, 0.7, 1.0) : Json.vec(sky, "top", new Vec3(0.5, 0.7, 1.0), "sky"),
                sky.isMissingNode() ? new Vec3(1, 1, 1) : Json.vec(sky, "bottom", new Vec3(1, 1, 1), "sky"));
    }

    private static SceneTemplate.CameraSpec camera(JsonNode c) {
        if (!c.isObject()) throw new InvalidInputException("scene: 'camera' is required");
        return new SceneTemplate.CameraSpec(Json.vec(c, "position", null, "camera"), Json.vec(c, "lookAt", Vec3.ZERO, "camera"),
                Json.vec(c, "up", new Vec3(0, 1, 0), "camera"), Json.num(c, "fov", 45, "camera"), Json.num(c, "aperture", 0, "camera"),
                Json.num(c, "focusDistance", 0, "camera"),
                Animated.parse(c, List.of("position", "lookAt"), List.of("fov", "focusDistance"), "camera"));
    }

    private static Map<String, SceneTemplate.MaterialSpec> materials(JsonNode node, BundleFolder folder, Path dir) {
        Map<String, SceneTemplate.MaterialSpec> out = new LinkedHashMap<>();
        if (node.isMissingNode()) return out;
        if (!node.isObject()) throw new InvalidInputException("scene: 'materials' must be an object of named materials");
        Map<String, Texture> textures = new HashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = "materials." + e.getKey();
            JsonNode m = e.getValue();
            String type = Json.text(m, "type", where);
            Vec3 color = Json.vec(m, "color", new Vec3(0.8, 0.8, 0.8), where);
            Texture texture = null;
            if (m.hasNonNull("texture")) {
                Path file = folder.file(dir, m.get("texture").asText(), where + ": texture");
                texture = textures.computeIfAbsent(file.toString(), f -> readTexture(file, m.get("texture").asText(), where));
            }
            double scale = Json.num(m, "textureScale", 1, where);
            Material base = switch (type) {
                case "diffuse" -> new Material(Material.Kind.DIFFUSE, color, 0, 1, Vec3.ZERO, texture, scale);
                case "metal" -> new Material(Material.Kind.METAL, color, clamp(Json.num(m, "roughness", 0.1, where)), 1, Vec3.ZERO, texture, scale);
                case "glass" -> new Material(Material.Kind.GLASS, color, 0, Json.num(m, "ior", 1.5, where), Vec3.ZERO, null, 1);
                case "emissive" -> new Material(Material.Kind.EMISSIVE, color, 0, 1, color.mul(Json.num(m, "strength", 5, where)), null, 1);
                default -> throw new InvalidInputException(where + ": unknown material type '" + type
                        + "' (use diffuse, metal, glass or emissive)");
            };
            out.put(e.getKey(), new SceneTemplate.MaterialSpec(base, Animated.parse(m, List.of("color"), List.of(), where)));
        }
        return out;
    }

    static Texture readTexture(Path file, String rel, String where) {
        try {
            return new Texture(ImageBounds.TEXTURE.read(file, "'" + rel + "'"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": texture " + e.getMessage());
        }
    }

    private static List<SceneTemplate.ObjectSpec> objects(JsonNode node, Map<String, SceneTemplate.MaterialSpec> materials,
                                                         BundleFolder folder, Path dir) {
        if (!node.isArray() || node.isEmpty()) throw new InvalidInputException("scene: 'objects' must be a non-empty array");
        List<SceneTemplate.ObjectSpec> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode o = node.get(i);
            String where = "objects[" + i + "]";
            String type = Json.text(o, "type", where);
            String material = o.hasNonNull("material") ? o.get("material").asText() : null;
            if (material != null && !materials.containsKey(material)) {
                throw new InvalidInputException(where + ": unknown material '" + material + "' (defined: " + materials.keySet() + ")");
            }
            if (material == null && !type.equals("mesh")) throw new InvalidInputException(where + ": 'material' is required");
            Map<String, Object> p = new HashMap<>();
            p.put("translate", Json.vec(o, "translate", Vec3.ZERO, where));
            p.put("rotateY", Json.num(o, "rotateY", 0, where));
            GltfImport.Mesh mesh = null;
            switch (type) {
                case "sphere" -> {
                    p.put("center", Json.vec(o, "center", null, where));
                    p.put("radius", Json.num(o, "radius", 1, where));
                }
                case "plane" -> {
                    p.put("point", Json.vec(o, "point", Vec3.ZERO, where));
                    p.put("normal", Json.vec(o, "normal", new Vec3(0, 1, 0), where).normalize());
                }
                case "box" -> {
                    p.put("min", Json.vec(o, "min", null, where));
                    p.put("max", Json.vec(o, "max", null, where));
                }
                case "quad" -> {
                    p.put("corner", Json.vec(o, "corner", null, where));
                    p.put("edge1", Json.vec(o, "edge1", null, where));
                    p.put("edge2", Json.vec(o, "edge2", null, where));
                }
                case "mesh" -> {
                    Path file = folder.file(dir, Json.text(o, "file", where), where + ": mesh file");
                    mesh = new GltfImport.Mesh(folder, file, Json.num(o, "scale", 1, where));
                }
                default -> throw new InvalidInputException(where + ": unknown object type '" + type
                        + "' (use sphere, plane, box, quad or mesh)");
            }
            out.add(new SceneTemplate.ObjectSpec(type, p, material, mesh,
                    Animated.parse(o, List.of("translate"), List.of("rotateY", "radius"), where)));
        }
        return out;
    }

    private static double clamp(double r) {
        return Math.max(0, Math.min(1, r));
    }
}
