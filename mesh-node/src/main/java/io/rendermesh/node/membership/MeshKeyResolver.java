package io.rendermesh.node.membership;

import io.rendermesh.node.NodeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which key a node joins with. A node off loopback always has one: the file it was given, the one
 * in its data dir, one handed to it by a member that approved it, or (the first node of a mesh) a
 * new one. Only a loopback node without a key runs keyless.
 */
public final class MeshKeyResolver {
    private static final Logger log = LoggerFactory.getLogger(MeshKeyResolver.class);

    /** Asks a mesh found on the LAN to admit this node; empty when no mesh answered. */
    public interface Admission {
        Optional<MeshKey> request() throws IOException, InterruptedException;
    }

    private MeshKeyResolver() {
    }

    /** @param admission how to ask a LAN mesh for the key, or null (no mDNS) */
    public static MeshKey resolve(NodeConfig config, InetAddress bind, Admission admission) throws IOException, InterruptedException {
        if (config.meshKeyFile() != null) {
            if (!Files.isRegularFile(config.meshKeyFile())) throw new IOException("mesh key file " + config.meshKeyFile() + " does not exist");
            return MeshKey.read(config.meshKeyFile());
        }
        Path stored = keyFile(config);
        if (Files.isRegularFile(stored)) return MeshKey.read(stored);
        if (config.sharedLoopback() || bind.isLoopbackAddress()) return null;
        if (admission != null) {
            Optional<MeshKey> given = admission.request();
            if (given.isPresent()) {
                given.get().write(stored);
                // a machine posing as a member could have sealed a key of its own mesh to us: a person compares
                log.warn("node {}: admitted to mesh '{}' with key fingerprint {} (stored in {}); check that 'rendermesh mesh-key' "
                        + "on a member shows the same fingerprint", config.name(), config.mesh(), given.get().fingerprint(), stored);
                System.err.println("rendermesh: admitted to mesh '" + config.mesh() + "', key fingerprint " + given.get().fingerprint()
                        + " - check that 'rendermesh mesh-key' on a member shows the same");
                return given.get();
            }
        }
        MeshKey created = MeshKey.generate();
        created.write(stored);
        log.info("node {}: created a new key for mesh '{}' in {} (fingerprint {}); other workstations join with "
                + "'rendermesh node --join CODE' (the code: 'rendermesh mesh-key') or by approval", config.name(),
                config.mesh(), stored, created.fingerprint());
        return created;
    }

    public static Path keyFile(NodeConfig config) {
        return config.dataDir().resolve(MeshKey.FILE_NAME);
    }
}
