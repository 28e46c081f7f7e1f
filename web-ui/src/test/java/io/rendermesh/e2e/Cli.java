package io.rendermesh.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the `rendermesh` command line from the shaded jar, as a user would. */
final class Cli {
    record Result(int exitCode, String output) {
    }

    private Cli() {
    }

    static Result run(long timeoutSec, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rendermesh " + String.join(" ", args) + " did not finish in " + timeoutSec + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
