package io.rendermesh.node;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.api.NodeApi.UploadTooLargeException;
import io.rendermesh.node.api.NodeApi.UploadedFile;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.node.resources.FrameMemory;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSubmissionTest {
    private static final String SCENE = """
            {"camera":{"position":[0,1,-4]},"materials":{"m":{"type":"diffuse"}},
             "objects":[{"type":"sphere","center":[0,0,0],"radius":1,"material":"m"}]}
            """;
    @TempDir
    Path dataDir;

    /** This node, as the resource map shows it: builtin, with the frame size a 1 GB heap and 2 slots allow. */
    private static final NodeResources SELF = new NodeResources("me", "", "default", List.of(new RendererInfo("builtin", "1.0")), 4,
            16_000, "Linux", List.of(), 2, 0, NodeState.IDLE, 1, null, 3, null, FrameMemory.maxFramePixels(1L << 30, 16L << 30, 2));

    private JobSubmission submission(NodeConfig config) throws Exception {
        NodeParts parts = new NodeParts(null, new FileBlobStore(config.dataDir()), null, null,
                channel -> {
                    throw new AssertionError("validation must use the stored blobs, not build a JobFiles");
                },
                List.of(), BuiltinRenderer.bundledScenes(), Clock.systemUTC());
        RendererRegistry renderers = new RendererRegistry(List.of(new BuiltinRenderer()), List.of());
        return new JobSubmission("me", config, parts, renderers, () -> List.of(SELF));
    }

    private static JobProfile profile(String scene, int width, int height, String frames) {
        return JobProfileJson.parse("{\"scene\":\"" + scene + "\",\"renderer\":\"builtin\",\"frames\":\"" + frames + "\",\"width\":"
                + width + ",\"height\":" + height + "}");
    }

    private static List<UploadedFile> sceneFile() {
        return List.of(new UploadedFile("scene.json", () -> new ByteArrayInputStream(SCENE.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void a16384SquareBuiltinFrameIsRefusedAtSubmission() throws Exception {
        JobSubmission s = submission(NodeConfig.local("me", dataDir));
        var e = assertThrows(InvalidInputException.class, () -> s.prepare(profile("builtin:demo", 16_384, 16_384, "1"), List.of(), 0));
        assertTrue(e.getMessage().contains("16384×16384"), e.getMessage());
    }

    @Test
    void aFrameTheNodeCanHoldIsAccepted() throws Exception {
        JobSubmission s = submission(NodeConfig.local("me", dataDir));
        assertEquals(1, s.prepare(profile("scene.json", 1920, 1080, "1"), sceneFile(), 0).frames().size());
    }

    @Test
    void moreFramesThanTheNodesLimitIsRefusedNamingTheLimit() throws Exception {
        NodeConfig config = NodeConfig.local("me", dataDir).withLimits(new NodeConfig.Limits(1 << 20, 0, 10, 100));
        JobSubmission s = submission(config);
        var e = assertThrows(UploadTooLargeException.class, () -> s.prepare(profile("builtin:demo", 64, 36, "1-101"), List.of(), 0));
        assertTrue(e.getMessage().contains("100"), e.getMessage());
        assertDoesNotThrow(() -> s.prepare(profile("builtin:demo", 64, 36, "1-100"), List.of(), 0));
    }

    @Test
    void aRefusedSceneIsNamedAndLeavesNoValidationFolderBehind() throws Exception {
        JobSubmission s = submission(NodeConfig.local("me", dataDir));
        List<UploadedFile> files = List.of(new UploadedFile("scene.json", () -> new ByteArrayInputStream(
                SCENE.replace("\"type\":\"diffuse\"", "\"type\":\"diffuse\",\"texture\":\"../../../../etc/passwd\"")
                        .getBytes(StandardCharsets.UTF_8))));
        var e = assertThrows(InvalidInputException.class, () -> s.prepare(profile("scene.json", 64, 36, "1"), files, 0));
        assertTrue(e.getMessage().contains("../../../../etc/passwd"), e.getMessage());
        try (Stream<Path> left = Files.list(dataDir.resolve("validation"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void fiveHundredSubmissionsLeaveNeitherThreadsNorOpenFilesBehind() throws Exception {
        JobSubmission s = submission(NodeConfig.local("me", dataDir));
        s.prepare(profile("scene.json", 64, 36, "1"), sceneFile(), 0); // class loading and pools that live on anyway
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long filesBefore = openFiles();
        for (int i = 0; i < 500; i++) s.prepare(profile("scene.json", 64, 36, "1"), sceneFile(), 0);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        assertTrue(threadsAfter - threadsBefore <= 10, "threads " + threadsBefore + " -> " + threadsAfter);
        if (filesBefore >= 0) {
            long filesAfter = openFiles();
            assertTrue(filesAfter - filesBefore <= 10, "open files " + filesBefore + " -> " + filesAfter);
        }
    }

    /** File descriptors of this JVM, or -1 where /proc is missing. */
    private static long openFiles() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) return -1;
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }
}
