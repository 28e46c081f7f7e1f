package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.tray.NodeLink;
import io.rendermesh.tray.TrayApp;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * `rendermesh tray`: the node on the desktop. It attaches to the node already running for this
 * user (its {@code DATA_DIR/node.json}, if that node answers) or starts one in this process with
 * the same options as `rendermesh node`. Without a desktop or a tray host it says so and exits 3,
 * and `rendermesh node` is unaffected.
 */
@Command(name = "tray", mixinStandardHelpOptions = true,
        description = "Show this workstation's node in the system tray (attaches to a running node, or starts one with the node options).")
final class TrayCommand extends NodeCommand {
    static final int NO_TRAY = 3;

    @Override
    public Integer call() throws Exception {
        String why = TrayApp.unavailable();
        if (why != null) {
            System.err.println("rendermesh tray: " + why);
            return NO_TRAY;
        }
        Attached attached = attach(dataDirOr(dataDir));
        if (attached != null) {
            System.out.println("rendermesh tray: attached to node " + attached.name() + " at " + attached.link().baseUrl());
            new TrayApp(attached.link(), attached.name(), null, TrayCommand::say).run();
            return 0;
        }
        Running running = start();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "shutdown"));
        System.out.println("rendermesh node " + running.config().name() + " ready web=" + running.url() + " mesh=" + running.node().meshAddress());
        new TrayApp(new NodeLink(running.url(), running.token()), running.config().name(), running::stop, TrayCommand::say).run();
        return 0;
    }

    private record Attached(String name, NodeLink link) {
    }

    /** The node this user already runs, if its node.json names a live process whose API answers as that node. */
    private Attached attach(Path dir) {
        Path file = dir.resolve("node.json");
        if (!Files.isRegularFile(file)) return null;
        try {
            JsonNode info = ApiClient.JSON.readTree(file.toFile());
            long pid = info.path("pid").asLong();
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) return null;
            NodeLink link = new NodeLink(info.path("webUrl").asText(), webTokenFile == null ? null : Files.readString(webTokenFile).trim());
            String name = link.get("/health").path("node").asText();
            return name.equals(info.path("name").asText()) ? new Attached(name, link) : null;
        } catch (Exception e) {
            return null; // a stale or foreign node.json: start a node of our own
        }
    }

    private static void say(String line) {
        System.out.println("tray: " + line);
        System.out.flush();
    }
}
