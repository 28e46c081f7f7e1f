package io.rendermesh.node.cleanup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.testkit.InMemoryNodes;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deleting a finished job removes it from every node: record, frames, job folder and the files no other job uses. */
class JobCleanupIT {
    @RegisterExtension
    final InMemoryNodes mesh = new InMemoryNodes();
    private Path dir;

    private static final byte[] TEXTURE = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private static byte[] scene(int z) {
        return ("{\"camera\":{\"position\":[0,1," + z + "]},\"materials\":{\"t\":{\"type\":\"diffuse\",\"texture\":\"textures/dot.png\"},"
                + "\"l\":{\"type\":\"emissive\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"t\"},"
                + "{\"type\":\"quad\",\"corner\":[-1,3,-1],\"edge1\":[2,0,0],\"edge2\":[0,0,2],\"material\":\"l\"}]}").getBytes();
    }

    private static String submit(MeshNode n, byte[] scene) throws Exception {
        return n.api().submit(JobProfileJson.parse("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1-4\","
                + "\"width\":16,\"height\":9,\"samples\":2}"), List.of(
                new NodeApi.UploadedFile("scene.json", () -> new ByteArrayInputStream(scene)),
                new NodeApi.UploadedFile("textures/dot.png", () -> new ByteArrayInputStream(TEXTURE))));
    }

    private static boolean knows(MeshNode n, String id) {
        return n.api().jobs().stream().anyMatch(j -> j.id().equals(id));
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private boolean blobThere(String node, byte[] content) throws Exception {
        String s = sha(content);
        return Files.exists(dir.resolve(node).resolve("blobs").resolve(s.substring(0, 2)).resolve(s));
    }

    @Test
    void aDeletedJobLeavesEveryNodeWithItsFramesAndItsOwnFiles() throws Exception {
        dir = mesh.dir();
        MeshNode a = mesh.start("a");
        MeshNode b = mesh.start("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2);
        String gone = submit(a, scene(4));
        String kept = submit(a, scene(5)); // shares the texture
        await().atMost(Duration.ofSeconds(60)).until(() -> a.api().job(gone).state() == JobState.DONE && a.api().job(kept).state() == JobState.DONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> knows(b, gone) && b.api().job(gone).state() == JobState.DONE);
        String running = a.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1\","
                + "\"params\":{\"frameMillis\":60000}}"), List.of());
        assertEquals(ControlOutcome.Kind.CONFLICT, a.api().deleteJob(running).kind(), "a job still running is cancelled first");
        assertTrue(blobThere("a", scene(4)));

        assertTrue(b.api().deleteJob(gone).isAccepted(), "deleted from any node");
        await().atMost(Duration.ofSeconds(10)).until(() -> !knows(a, gone) && !knows(b, gone));
        for (String n : List.of("a", "b")) {
            assertFalse(Files.exists(dir.resolve(n).resolve("frames").resolve(gone)), n + ": its frames");
            assertFalse(Files.exists(dir.resolve(n).resolve("jobs").resolve(gone)), n + ": its job folder");
        }
        assertFalse(blobThere("a", scene(4)), "a file only it used");
        assertTrue(blobThere("a", TEXTURE), "a file another job uses stays");
        assertTrue(knows(a, kept) && a.api().frame(kept, 1).get().isPresent(), "the other job is untouched");
        org.junit.jupiter.api.Assertions.assertThrows(NodeApi.NotFoundException.class, () -> a.api().deleteJob(gone), "404 once gone");
    }
}
