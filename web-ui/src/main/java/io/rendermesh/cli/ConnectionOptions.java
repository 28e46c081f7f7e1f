package io.rendermesh.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --node and --token, shared by every command that talks to a running node. */
final class ConnectionOptions {
    @Option(names = "--node", defaultValue = "http://127.0.0.1:8080", description = "node URL (default: ${DEFAULT-VALUE})")
    String node;

    @Option(names = "--token", description = "API token (or --token-file)")
    String token;

    @Option(names = "--token-file", description = "file holding the API token")
    Path tokenFile;

    ApiClient client() {
        String t = token;
        if (t == null && tokenFile != null) {
            try {
                t = Files.readString(tokenFile).trim();
            } catch (IOException e) {
                throw new CliException("cannot read token file " + tokenFile + ": " + e.getMessage());
            }
        }
        return new ApiClient(node, t);
    }
}
