package io.rendermesh.node.render.builtin;

import io.rendermesh.node.testkit.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.builtin.geometry.Triangle;
import io.rendermesh.node.render.builtin.scene.GltfImport;
import io.rendermesh.node.render.builtin.scene.Material;
import io.rendermesh.node.render.input.BundleFolder;
import io.rendermesh.protocol.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** glTF import on a file the test writes: a red metal triangle that moves, and a camera. */
class GltfImportTest {
    @TempDir
    Path dir;

    /** One triangle, a translation animation from x=0 (t=0 s) to x=2 (t=1 s), and a camera at z=5. */
    Path writeAsset() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(36 + 8 + 24).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : new float[] {-0.5f, 0, 0, 0.5f, 0, 0, 0, 1, 0}) b.putFloat(f);
        b.putFloat(0).putFloat(1);
        for (float f : new float[] {0, 0, 0, 2, 0, 0}) b.putFloat(f);
        String data = Base64.getEncoder().encodeToString(b.array());
        String gltf = """
                {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,1]}],
                 "nodes":[{"mesh":0,"translation":[0,0,0]},{"camera":0,"translation":[0,0.5,5]}],
                 "cameras":[{"type":"perspective","perspective":{"yfov":0.6,"znear":0.1}}],
                 "meshes":[{"primitives":[{"attributes":{"POSITION":0},"material":0}]}],
                 "materials":[{"pbrMetallicRoughness":{"baseColorFactor":[1,0,0,1],"metallicFactor":1,"roughnessFactor":0.3}}],
                 "animations":[{"channels":[{"sampler":0,"target":{"node":0,"path":"translation"}}],
                                "samplers":[{"input":1,"output":2,"interpolation":"LINEAR"}]}],
                 "buffers":[{"byteLength":68,"uri":"data:application/octet-stream;base64,%s"}],
                 "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":8},
                                {"buffer":0,"byteOffset":44,"byteLength":24}],
                 "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[-0.5,0,0],"max":[0.5,1,0]},
                              {"bufferView":1,"componentType":5126,"count":2,"type":"SCALAR","min":[0],"max":[1]},
                              {"bufferView":2,"componentType":5126,"count":2,"type":"VEC3"}]}
                """.formatted(data);
        Path file = dir.resolve("moving.gltf");
        Files.writeString(file, gltf);
        return file;
    }

    @Test
    void importsTrianglesWithTheirMaterial() throws Exception {
        List<Triangle> tris = GltfImport.triangles(new BundleFolder(dir), writeAsset(), 1);
        assertEquals(1, tris.size());
        assertEquals(Material.Kind.METAL, tris.get(0).material().kind());
        assertEquals(1.0, tris.get(0).material().color().x(), 1e-6);
    }

    @Test
    void playsNodeAnimationsByFrame() throws Exception {
        GltfImport.Mesh mesh = new GltfImport.Mesh(new BundleFolder(dir), writeAsset(), 1);
        assertEquals(0.0, mesh.at(1).get(0).c().x(), 1e-6, "frame 1 is t = 0 s");
        assertEquals(1.0, mesh.at(13).get(0).c().x(), 1e-6, "frame 13 is t = 0.5 s");
        assertEquals(2.0, mesh.at(100).get(0).c().x(), 1e-6, "after the last key the value holds");
    }

    @Test
    void aGltfFileRendersOnItsOwnThroughItsCamera() throws Exception {
        writeAsset();
        BuiltinRenderer renderer = new BuiltinRenderer();
        var p = BuiltinRendererTest.profile("moving.gltf", 48, 27, 2);
        renderer.validate(p, dir);
        var out1 = renderer.render(new io.rendermesh.node.render.RenderRequest("g", 1, 1, p, dir, Files.createTempDirectory(dir, "a"),
                1, 2, 1), new FakeControl(2));
        var out2 = renderer.render(new io.rendermesh.node.render.RenderRequest("g", 25, 1, p, dir, Files.createTempDirectory(dir, "b"),
                1, 2, 1), new FakeControl(2));
        BufferedImage a = ImageIO.read(out1.png().toFile());
        BufferedImage b = ImageIO.read(out2.png().toFile());
        assertTrue(Images.meanAbsDiff(a, b) > 1, "the triangle moved between frames 1 and 25");
    }

    @Test
    void anUnreadableGltfIsRejected() throws Exception {
        Files.writeString(dir.resolve("broken.gltf"), "{\"asset\":");
        assertThrows(InvalidInputException.class, () -> GltfImport.triangles(new BundleFolder(dir), dir.resolve("broken.gltf"), 1));
    }
}
