package io.rendermesh.cli;

import io.rendermesh.node.membership.MeshKey;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands about who may join the mesh: the join code of the mesh key, and approving a newcomer. */
final class TrustCommands {
    private TrustCommands() {
    }

    @Command(name = "mesh-key", mixinStandardHelpOptions = true,
            description = "Print this workstation's mesh key as a join code: 'rendermesh node --join CODE' on another workstation joins with it.")
    static final class MeshKeyCode implements Callable<Integer> {
        @Option(names = "--data-dir", description = "the node's data directory (default: ~/.rendermesh)")
        Path dataDir;
        @Option(names = "--mesh-key-file", description = "a key file given to the node instead")
        Path keyFile;
        @Option(names = "--new", description = "print a new random key's code instead (e.g. a site key: rendermesh mesh-key --new > site.key)")
        boolean fresh;

        @Override
        public Integer call() throws Exception {
            if (fresh) {
                System.out.println(MeshKey.generate().joinCode());
                return 0;
            }
            Path file = keyFile != null ? keyFile : NodeCommand.dataDirOr(dataDir).resolve(MeshKey.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw new CliException("no mesh key at " + file + ": a node creates one on its first start off loopback");
            }
            MeshKey key = MeshKey.read(file);
            System.out.println(key.joinCode());
            System.err.println("fingerprint " + key.fingerprint() + " - keep the code secret: it lets a machine join and read the mesh");
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Let a workstation that asked to join (see 'rendermesh status') into the mesh; it receives the mesh key.")
    static final class Approve implements Callable<Integer> {
        @Parameters(index = "0", description = "the waiting node's name")
        String name;
        @Option(names = "--fingerprint", description = "the fingerprint the waiting node's own screen shows (needed when several machines ask under one name)")
        String fingerprint;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            ApiClient client = connection.client();
            java.util.List<String> waiting = new java.util.ArrayList<>();
            for (JsonNode r : client.get("/join-requests")) {
                if (name.equals(r.path("name").asText())) waiting.add(r.path("fingerprint").asText());
            }
            if (waiting.isEmpty()) throw new CliException("no node named " + name + " is waiting to join (see 'rendermesh status')");
            if (fingerprint == null && waiting.size() > 1) {
                throw new CliException("machines with fingerprints " + String.join(", ", waiting) + " all ask to join as " + name
                        + ": run again with --fingerprint, the one the real " + name + " shows on its screen");
            }
            String fp = fingerprint != null ? fingerprint : waiting.get(0);
            client.post("/join-requests/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "/approve",
                    Map.of("fingerprint", fp));
            System.out.println("approved " + name + " (fingerprint " + fp + "); it joins the mesh now");
            return 0;
        }
    }
}
