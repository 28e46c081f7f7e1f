package io.rendermesh.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A standing torus of {@code 2 x u x v} triangles as glTF 2.0 (torus.gltf + torus.bin), resting on y = 0: a heavy mesh both renderers import. */
final class GltfTorus {
    private GltfTorus() {
    }

    /** Writes the torus into {@code dir}; returns its triangle count. */
    static int write(Path dir, int u, int v) throws IOException {
        double big = 0.7;
        double small = 0.3;
        double cy = big + small;
        int vertices = u * v;
        int triangles = 2 * u * v;
        ByteBuffer buf = ByteBuffer.allocate(vertices * 24 + triangles * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                double t = 2 * Math.PI * i / u;
                double p = 2 * Math.PI * j / v;
                buf.putFloat((float) ((big + small * Math.cos(p)) * Math.cos(t)));
                buf.putFloat((float) ((big + small * Math.cos(p)) * Math.sin(t) + cy));
                buf.putFloat((float) (small * Math.sin(p)));
            }
        }
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                double t = 2 * Math.PI * i / u;
                double p = 2 * Math.PI * j / v;
                buf.putFloat((float) (Math.cos(p) * Math.cos(t))).putFloat((float) (Math.cos(p) * Math.sin(t))).putFloat((float) Math.sin(p));
            }
        }
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < v; j++) {
                int a = i * v + j;
                int b = ((i + 1) % u) * v + j;
                int c = ((i + 1) % u) * v + (j + 1) % v;
                int d = i * v + (j + 1) % v;
                buf.putInt(a).putInt(b).putInt(c).putInt(a).putInt(c).putInt(d);
            }
        }
        Files.write(dir.resolve("torus.bin"), buf.array());
        int vec = vertices * 12;
        Files.writeString(dir.resolve("torus.gltf"), String.format(Locale.ROOT, """
                {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
                 "meshes":[{"primitives":[{"attributes":{"POSITION":0,"NORMAL":1},"indices":2,"material":0}]}],
                 "materials":[{"pbrMetallicRoughness":{"baseColorFactor":[0.3,0.8,0.3,1],"metallicFactor":0,"roughnessFactor":1}}],
                 "buffers":[{"uri":"torus.bin","byteLength":%d}],
                 "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":%d,"target":34962},{"buffer":0,"byteOffset":%d,"byteLength":%d,"target":34962},
                  {"buffer":0,"byteOffset":%d,"byteLength":%d,"target":34963}],
                 "accessors":[{"bufferView":0,"componentType":5126,"count":%d,"type":"VEC3","min":[%.3f,0,%.3f],"max":[%.3f,%.3f,%.3f]},
                  {"bufferView":1,"componentType":5126,"count":%d,"type":"VEC3"},{"bufferView":2,"componentType":5125,"count":%d,"type":"SCALAR"}]}
                """, buf.capacity(), vec, vec, vec, 2 * vec, triangles * 12, vertices, -(big + small), -small, big + small, 2 * cy, small,
                vertices, triangles * 3));
        return triangles;
    }
}
