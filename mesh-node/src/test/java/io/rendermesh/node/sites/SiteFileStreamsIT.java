package io.rendermesh.node.sites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.protocol.model.BundleEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file stream between sites over loopback: a gateway serves only what its access rule allows,
 * only to a holder of the site key, and a file counts at the other site only if its hash matches.
 */
class SiteFileStreamsIT {
    @TempDir
    Path dir;
    final MeshKey siteKey = MeshKey.generate();
    FileBlobStore home;
    SiteFileStreams gateway;
    String endpoint;
    byte[] texture;
    BundleEntry allowed;
    BundleEntry other;
    /** What the gateway's access rule hands out for the allowed file (a test swaps in a wrong one). */
    Path servedForAllowed;

    @BeforeEach
    void start() throws Exception {
        home = new FileBlobStore(dir.resolve("home"));
        texture = new byte[2 * 1024 * 1024 + 5];
        new Random(3).nextBytes(texture);
        allowed = new BundleEntry("tex/wood.png", home.put(new ByteArrayInputStream(texture), Long.MAX_VALUE), texture.length);
        byte[] secret = "the home site's other files".getBytes();
        other = new BundleEntry("secret.txt", home.put(new ByteArrayInputStream(secret), Long.MAX_VALUE), secret.length);
        servedForAllowed = home.path(allowed.sha256()).orElseThrow();
        gateway = new SiteFileStreams(home, InetAddress.getLoopbackAddress(), siteKey);
        endpoint = gateway.serve(sha -> sha.equals(allowed.sha256()) ? Optional.of(servedForAllowed) : Optional.empty(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
    }

    @Test
    void aFileOfAJobAtTheOtherSiteArrivesWholeAndChecked() throws Exception {
        FileBlobStore there = new FileBlobStore(dir.resolve("there"));
        new SiteFileStreams(there, InetAddress.getLoopbackAddress(), siteKey).fetch(endpoint, allowed, dir.resolve("parts"));
        assertArrayEquals(texture, Files.readAllBytes(there.path(allowed.sha256()).orElseThrow()));
    }

    @Test
    void nothingElseOfTheHomeSiteIsServed() throws Exception {
        FileBlobStore there = new FileBlobStore(dir.resolve("there"));
        SiteFileStreams master = new SiteFileStreams(there, InetAddress.getLoopbackAddress(), siteKey);
        assertThrows(IOException.class, () -> master.fetch(endpoint, other, dir.resolve("parts")));
        assertFalse(there.has(other.sha256()));
    }

    @Test
    void aSiteWithoutTheSiteKeyGetsNothing() throws Exception {
        FileBlobStore there = new FileBlobStore(dir.resolve("there"));
        SiteFileStreams stranger = new SiteFileStreams(there, InetAddress.getLoopbackAddress(), MeshKey.generate());
        IOException e = assertThrows(IOException.class, () -> stranger.fetch(endpoint, allowed, dir.resolve("parts")));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertFalse(there.has(allowed.sha256()));
    }

    @Test
    void bytesThatDoNotMatchTheHashAreNotKept() throws Exception {
        byte[] wrong = texture.clone();
        wrong[12345] ^= 1;
        servedForAllowed = Files.write(dir.resolve("wrong.bin"), wrong);
        FileBlobStore there = new FileBlobStore(dir.resolve("there"));
        SiteFileStreams master = new SiteFileStreams(there, InetAddress.getLoopbackAddress(), siteKey);
        assertThrows(IOException.class, () -> master.fetch(endpoint, allowed, dir.resolve("parts")));
        assertFalse(there.has(allowed.sha256()));
        try (var left = Files.list(dir.resolve("parts"))) {
            assertEquals(0, left.count(), "the wrong bytes are not kept for a resume either");
        }
    }
}
