package io.rendermesh.node.render.builtin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.render.input.CraftedPng;
import io.rendermesh.protocol.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builtin renderer runs inside the node: a scene may name only files of its own bundle. */
class UntrustedSceneFilesTest {
    @TempDir
    Path dir;
    private final BuiltinRenderer renderer = new BuiltinRenderer();

    /** A one-triangle glTF whose buffer lives at {@code bufferUri} and, if given, an image at {@code imageUri}. */
    private void gltf(String name, String bufferUri, String imageUri) throws Exception {
        String images = imageUri == null ? "" : ",\"images\":[{\"uri\":\"" + imageUri + "\"}]";
        Files.writeString(dir.resolve(name), """
                {"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],
                 "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
                 "buffers":[{"byteLength":36,"uri":"%s"}],
                 "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":36}],
                 "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}]%s}
                """.formatted(bufferUri, images));
    }

    private String refusal(String scene) {
        var e = assertThrows(InvalidInputException.class, () -> renderer.validate(BuiltinRendererTest.profile(scene, 32, 18, 1), dir));
        return e.getMessage();
    }

    @Test
    void aGltfBufferClimbingOutOfTheJobIsRefusedByName() throws Exception {
        gltf("escape.gltf", "../../../../etc/passwd", null);
        String message = refusal("escape.gltf");
        assertTrue(message.contains("../../../../etc/passwd") && message.contains("buffers[0]"), message);
    }

    @Test
    void aGltfBufferWithAnAbsolutePathIsRefusedByName() throws Exception {
        gltf("absolute.gltf", "/etc/passwd", null);
        String message = refusal("absolute.gltf");
        assertTrue(message.contains("/etc/passwd") && message.contains("absolute"), message);
    }

    @Test
    void aGltfBufferAsAFileUriIsRefusedByName() throws Exception {
        gltf("uri.gltf", "file:///etc/passwd", null);
        String message = refusal("uri.gltf");
        assertTrue(message.contains("file:///etc/passwd"), message);
    }

    @Test
    void aPercentEncodedClimbIsJudgedAsWhatItDecodesTo() throws Exception {
        gltf("encoded.gltf", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", null);
        String message = refusal("encoded.gltf");
        assertTrue(message.contains("%2e%2e/") && message.contains(".."), message);
    }

    @Test
    void aGltfImageUriOutsideTheJobIsRefusedByName() throws Exception {
        Files.write(dir.resolve("tri.bin"), new byte[36]);
        gltf("image.gltf", "tri.bin", "../outside.png");
        String message = refusal("image.gltf");
        assertTrue(message.contains("../outside.png") && message.contains("images[0]"), message);
    }

    @Test
    void aSymlinkLeadingOutOfTheJobIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("tri.bin"), Path.of("/etc/passwd"));
        gltf("linked.gltf", "tri.bin", null);
        String message = refusal("linked.gltf");
        assertTrue(message.contains("tri.bin") && message.contains("outside"), message);
    }

    @Test
    void aGltfWithItsBufferInTheBundleIsAccepted() throws Exception {
        // the same scene shape as the refusals above, so they fail for their URI and nothing else
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}) b.putFloat(f);
        Files.write(dir.resolve("tri.bin"), b.array());
        gltf("fine.gltf", "tri.bin", null);
        renderer.validate(BuiltinRendererTest.profile("fine.gltf", 32, 18, 1), dir);
    }

    @Test
    void aSceneTextureOutsideTheJobIsRefusedByName() throws Exception {
        Files.writeString(dir.resolve("scene.json"), """
                {"camera":{"position":[0,1,-4]},
                 "materials":{"floor":{"type":"diffuse","texture":"/etc/passwd"}},
                 "objects":[{"type":"sphere","center":[0,0,0],"radius":1,"material":"floor"}]}
                """);
        String message = refusal("scene.json");
        assertTrue(message.contains("/etc/passwd") && message.contains("materials.floor"), message);
    }

    @Test
    void aTextureDeclaringAHugeSizeIsRefusedBeforeDecoding() throws Exception {
        Files.write(dir.resolve("bomb.png"), CraftedPng.declaring(100_000, 100_000));
        Files.writeString(dir.resolve("scene.json"), """
                {"camera":{"position":[0,1,-4]},
                 "materials":{"floor":{"type":"diffuse","texture":"bomb.png"}},
                 "objects":[{"type":"sphere","center":[0,0,0],"radius":1,"material":"floor"}]}
                """);
        String message = refusal("scene.json");
        assertTrue(message.contains("bomb.png") && message.contains("too large"), message);
    }

    @Test
    void aSceneWithATextureInTheBundleIsAccepted() throws Exception {
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("wood.png").toFile());
        Files.writeString(dir.resolve("scene.json"), """
                {"camera":{"position":[0,1,-4]},
                 "materials":{"floor":{"type":"diffuse","texture":"wood.png"}},
                 "objects":[{"type":"sphere","center":[0,0,0],"radius":1,"material":"floor"}]}
                """);
        renderer.validate(BuiltinRendererTest.profile("scene.json", 32, 18, 1), dir);
    }
}
