package io.rendermesh.cli;

import io.rendermesh.node.membership.MeshKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Commands about who may join the mesh: the join code of this workstation's mesh key. */
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

        @Override
        public Integer call() throws Exception {
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
}
