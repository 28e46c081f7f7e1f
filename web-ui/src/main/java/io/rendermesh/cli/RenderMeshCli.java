package io.rendermesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `rendermesh`: starts a node, runs the demo, or talks to a running node over HTTP. */
@Command(name = "rendermesh", mixinStandardHelpOptions = true, version = "rendermesh 0.1.0",
        description = "A peer-to-peer render farm: every workstation runs the same node.",
        subcommands = {NodeCommand.class, TrayCommand.class, DoctorCommand.class, DemoCommand.class, SubmitCommand.class, QueryCommands.Status.class,
                QueryCommands.Jobs.class, QueryCommands.Job.class, QueryCommands.Control.class, QueryCommands.Cancel.class, QueryCommands.NodeControl.class, QueryCommands.Delete.class,
                TrustCommands.MeshKeyCode.class, TrustCommands.Approve.class})
public final class RenderMeshCli {
    private RenderMeshCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(RenderMeshCli.class);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                cmd.getErr().println("rendermesh: " + c.getMessage());
                return c.exitCode;
            }
            if (e instanceof io.rendermesh.protocol.model.InvalidInputException) {
                cmd.getErr().println("rendermesh: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("rendermesh: " + e);
            return 1;
        });
        return cli.execute(args);
    }
}
