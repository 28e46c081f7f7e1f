package io.rendermesh.node.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The shared secret of a mesh (--mesh-key-file), and the proof of holding it that joiners present. */
public final class MeshKey {
    private MeshKey() {
    }

    /** HMAC-SHA256 of the mesh name under the key; empty when the mesh has no key. */
    public static byte[] proof(Path keyFile, String meshName) throws IOException {
        if (keyFile == null) return new byte[0];
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length < 16) throw new IOException("mesh key file " + keyFile + " holds fewer than 16 bytes");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("rendermesh:" + meshName).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IOException("cannot use mesh key: " + e.getMessage(), e);
        }
    }
}
