package io.rendermesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitBundleTest {
    @TempDir
    Path dir;

    @Test
    void everyFileUnderTheFolderIsSentAtItsRelativePath() throws Exception {
        Files.createDirectories(dir.resolve("textures/sub"));
        Files.writeString(dir.resolve("scene.pov"), "x");
        Files.writeString(dir.resolve("textures/sub/wood.png"), "y");
        assertEquals(List.of("scene.pov", "textures/sub/wood.png"), List.copyOf(SubmitCommand.bundleFiles(dir).keySet()));
    }

    @Test
    void aSymbolicLinkInTheBundleIsRefused() throws Exception {
        Files.writeString(dir.resolve("scene.pov"), "x");
        Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
        CliException e = assertThrows(CliException.class, () -> SubmitCommand.bundleFiles(dir));
        assertTrue(e.getMessage().contains("passwd is a symbolic link"), e.getMessage());
    }

    @Test
    void theRendererFollowsTheScenesExtension() {
        assertEquals("povray", SubmitCommand.rendererFor("shot/scene.POV"));
        assertEquals("blender", SubmitCommand.rendererFor("a.blend"));
        assertEquals("builtin", SubmitCommand.rendererFor("builtin:demo"));
        assertThrows(CliException.class, () -> SubmitCommand.rendererFor("scene.max"));
    }
}
