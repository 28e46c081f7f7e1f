package io.rendermesh.node.render.builtin.scene;

import io.rendermesh.node.render.builtin.math.Vec3;

/**
 * How a surface scatters light. {@code kind} is diffuse, metal (with roughness), glass (with
 * index of refraction) or emissive; a texture multiplies the colour.
 */
public record Material(Kind kind, Vec3 color, double roughness, double ior, Vec3 emission, Texture texture, double textureScale) {
    public enum Kind { DIFFUSE, METAL, GLASS, EMISSIVE }

    public Vec3 albedo(double u, double v) {
        return texture == null ? color : texture.sample(u * textureScale, v * textureScale).mul(color);
    }

    public Material withColor(Vec3 c) {
        return new Material(kind, c, roughness, ior, kind == Kind.EMISSIVE ? c.mul(emission.max() / Math.max(1e-9, color.max())) : emission,
                texture, textureScale);
    }

    public static Material diffuse(Vec3 color) {
        return new Material(Kind.DIFFUSE, color, 0, 1, Vec3.ZERO, null, 1);
    }
}
